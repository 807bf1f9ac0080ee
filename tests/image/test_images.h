#pragma once

// Test images made in memory with libpng's and libjpeg's own encoders (no binary files in
// the tree), and the damaged variants the image reader must refuse. Fictional pixels only.

// clang-format off
#include <cstdio>  // jpeglib.h needs FILE declared first
#include <jpeglib.h>
// clang-format on
#include <png.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace ehcp::testing {

// Deterministic pixels: smooth gradients, so JPEG keeps them close and PNG compresses.
inline std::string GradientPixels(int width, int height, int samples) {
  std::string pixels;
  pixels.reserve(static_cast<size_t>(width) * height * samples);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      for (int s = 0; s < samples; ++s)
        pixels += static_cast<char>(x * 160 / width + y * 60 / height + s * 10);
  return pixels;
}

// A PNG from 8-bit pixels with 1 (grey), 2 (grey, alpha), 3 (RGB) or 4 (RGBA) samples.
inline std::string MakePng(int width, int height, int samples, const std::string& pixels) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(width);
  image.height = static_cast<png_uint_32>(height);
  image.format = samples == 1   ? PNG_FORMAT_GRAY
                 : samples == 2 ? PNG_FORMAT_GA
                 : samples == 3 ? PNG_FORMAT_RGB
                                : PNG_FORMAT_RGBA;
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&image, nullptr, &size, 0, pixels.data(), 0, nullptr))
    std::abort();
  std::string out(size, '\0');
  if (!png_image_write_to_memory(&image, out.data(), &size, 0, pixels.data(), 0, nullptr))
    std::abort();
  out.resize(size);
  return out;
}

// A JPEG from 8-bit grey (1 sample), RGB (3) or CMYK (4, given as ink amounts; written the
// way Adobe's tools write it: inverted, with the Adobe marker libjpeg adds for CMYK).
inline std::string MakeJpeg(int width, int height, int samples, std::string pixels,
                            bool progressive = false) {
  jpeg_compress_struct jpeg{};
  jpeg_error_mgr errors{};
  jpeg.err = jpeg_std_error(&errors);
  jpeg_create_compress(&jpeg);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&jpeg, &buffer, &size);
  jpeg.image_width = static_cast<JDIMENSION>(width);
  jpeg.image_height = static_cast<JDIMENSION>(height);
  jpeg.input_components = samples;
  jpeg.in_color_space = samples == 1 ? JCS_GRAYSCALE : samples == 3 ? JCS_RGB : JCS_CMYK;
  jpeg_set_defaults(&jpeg);
  jpeg_set_quality(&jpeg, 95, TRUE);
  if (progressive) jpeg_simple_progression(&jpeg);
  if (samples == 4)
    for (char& c : pixels) c = static_cast<char>(255 - static_cast<unsigned char>(c));
  jpeg_start_compress(&jpeg, TRUE);
  while (jpeg.next_scanline < jpeg.image_height) {
    JSAMPROW row = reinterpret_cast<JSAMPROW>(pixels.data()) +
                   static_cast<size_t>(jpeg.next_scanline) * width * samples;
    jpeg_write_scanlines(&jpeg, &row, 1);
  }
  jpeg_finish_compress(&jpeg);
  std::string out(reinterpret_cast<const char*>(buffer), size);
  jpeg_destroy_compress(&jpeg);
  std::free(buffer);
  return out;
}

inline std::string Be32(uint32_t v) {
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
  return out;
}

// One PNG chunk with its length and a correct CRC.
inline std::string PngChunk(const std::string& type, const std::string& data) {
  std::string body = type + data;
  uint32_t crc =
      static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()), body.size()));
  return Be32(static_cast<uint32_t>(data.size())) + body + Be32(crc);
}

// A valid-looking PNG of about 100 bytes whose header claims `width` x `height` RGBA pixels
// (the IDAT holds one short row): a reader that trusts the header allocates for all of
// them (20000 x 20000: 1.6 GB of rows, then as much again for the pixels).
inline std::string PngClaimingSize(uint32_t width, uint32_t height) {
  std::string header = Be32(width) + Be32(height) + std::string("\x08\x06\x00\x00\x00", 5);
  std::string rows(1 + 4 * 64, '\0');
  uLongf size = compressBound(rows.size());
  std::string packed(size, '\0');
  compress(reinterpret_cast<Bytef*>(packed.data()), &size,
           reinterpret_cast<const Bytef*>(rows.data()), rows.size());
  packed.resize(size);
  return std::string("\x89PNG\r\n\x1a\n", 8) + PngChunk("IHDR", header) + PngChunk("IDAT", packed) +
         PngChunk("IEND", "");
}

// The offset of the first byte of `type`'s data in a PNG, or npos.
inline size_t PngChunkData(const std::string& png, const std::string& type) {
  size_t at = png.find(type);
  return at == std::string::npos ? at : at + 4;
}

// The same PNG with its IDAT chunk's CRC changed (the pixel data itself intact).
inline std::string PngWithBadCrc(std::string png) {
  size_t data = PngChunkData(png, "IDAT");
  uint32_t length = 0;
  for (size_t i = data - 8; i < data - 4; ++i)
    length = (length << 8) | static_cast<unsigned char>(png[i]);
  png[data + length + 3] ^= 0x55;
  return png;
}

// A JPEG whose entropy-coded data is damaged: a stretch in the middle of the scan is
// overwritten with a restart marker the file never declared, which libjpeg reports as
// corrupt data (it would otherwise decode grey blocks and carry on).
inline std::string JpegWithBadScanData(std::string jpeg) {
  size_t scan = jpeg.find("\xFF\xDA");
  size_t middle = scan + (jpeg.size() - scan) / 2;
  for (size_t i = 0; i < 32; i += 2) {
    jpeg[middle + i] = '\xFF';
    jpeg[middle + i + 1] = '\xD3';
  }
  return jpeg;
}

}  // namespace ehcp::testing
