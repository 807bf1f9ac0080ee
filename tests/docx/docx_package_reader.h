#pragma once

// Test helper: reads a DOCX back with libzip (an independent reader of the container)
// and parses its XML parts with pugixml, so tests check what a client would see.

#include <zip.h>

#include <fstream>
#include <iterator>
#include <map>
#include <pugixml.hpp>
#include <string>

namespace ehcp::testing {

struct DocxParts {
  bool opened = false;
  std::string error;
  std::vector<std::string> names;  // in archive order
  std::map<std::string, std::string> parts;
};

inline DocxParts ReadDocxParts(const std::string& path) {
  DocxParts result;
  int error_code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error_code);
  if (archive == nullptr) {
    result.error = "zip_open failed with code " + std::to_string(error_code);
    return result;
  }
  zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat);
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    if (file == nullptr) {
      result.error = std::string("cannot open entry ") + stat.name;
      zip_close(archive);
      return result;
    }
    std::string data(stat.size, '\0');
    zip_int64_t read = zip_fread(file, data.data(), stat.size);
    zip_fclose(file);
    if (read != static_cast<zip_int64_t>(stat.size)) {
      result.error = std::string("short read of ") + stat.name;
      zip_close(archive);
      return result;
    }
    result.names.push_back(stat.name);
    result.parts[stat.name] = std::move(data);
  }
  zip_close(archive);
  result.opened = true;
  return result;
}

inline std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Text of a paragraph or other element: the concatenated w:t descendants.
inline std::string WordText(const pugi::xml_node& node) {
  std::string text;
  for (const auto& t : node.select_nodes(".//w:t")) text += t.node().text().get();
  return text;
}

}  // namespace ehcp::testing
