#include "pdfio/reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <functional>

#include "pdfio/object_writer.h"
#include "pdfio/stream_filters.h"

namespace ehcp::pdfio {

namespace {

// Objects nest only a few levels in real files; deeper means a hostile file.
constexpr int kMaxDepth = 100;
// Object numbers beyond this are refused (a hostile /Size must not allocate gigabytes).
constexpr int64_t kMaxObjects = 8'000'000;
// Nor may a small compressed stream inflate to gigabytes.
constexpr size_t kMaxDecoded = 256u * 1024 * 1024;

bool IsWhite(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}
bool IsDelimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
         c == '}' || c == '/' || c == '%';
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

class Lexer {
 public:
  Lexer(std::string_view s, size_t pos) : s_(s), pos_(pos) {}
  size_t pos() const { return pos_; }
  void set_pos(size_t p) { pos_ = p; }
  bool AtEnd() {
    SkipWhite();
    return pos_ >= s_.size();
  }

  void SkipWhite() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (IsWhite(c)) {
        ++pos_;
      } else if (c == '%') {
        while (pos_ < s_.size() && s_[pos_] != '\n' && s_[pos_] != '\r') ++pos_;
      } else {
        break;
      }
    }
  }

  // A regular token (keyword or number) at the current position, not consumed.
  std::string_view PeekWord() {
    SkipWhite();
    size_t end = pos_;
    while (end < s_.size() && !IsWhite(s_[end]) && !IsDelimiter(s_[end])) ++end;
    return s_.substr(pos_, end - pos_);
  }
  bool Keyword(std::string_view word) {
    if (PeekWord() != word) return false;
    pos_ += word.size();
    return true;
  }
  // An unsigned integer; false (position unchanged) when there is none.
  bool Integer(int64_t& out) {
    std::string_view w = PeekWord();
    if (w.empty() || w.size() > 18 || !std::all_of(w.begin(), w.end(), IsDigit)) return false;
    int64_t v = 0;
    for (char c : w) v = v * 10 + (c - '0');
    out = v;
    pos_ += w.size();
    return true;
  }

  Value ParseValue(int depth) {
    if (depth > kMaxDepth) throw ParseError("objects nested too deeply");
    SkipWhite();
    if (pos_ >= s_.size()) throw ParseError("unexpected end of data");
    char c = s_[pos_];
    switch (c) {
      case '/': {
        size_t start = ++pos_;
        while (pos_ < s_.size() && !IsWhite(s_[pos_]) && !IsDelimiter(s_[pos_])) ++pos_;
        return Value::Name(s_.substr(start, pos_ - start));
      }
      case '(': {
        size_t start = pos_;
        int nesting = 0;
        for (; pos_ < s_.size(); ++pos_) {
          char k = s_[pos_];
          if (k == '\\') {
            ++pos_;
          } else if (k == '(') {
            ++nesting;
          } else if (k == ')' && --nesting == 0) {
            ++pos_;
            break;
          }
        }
        if (nesting != 0) throw ParseError("unterminated string");
        Value v;
        v.type = Value::Type::kString;
        v.text = s_.substr(start, pos_ - start);
        return v;
      }
      case '<': {
        if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '<') {
          pos_ += 2;
          Value dict = Value::Dict();
          dict.dict.reserve(4);
          for (;;) {
            SkipWhite();
            if (pos_ + 1 < s_.size() && s_[pos_] == '>' && s_[pos_ + 1] == '>') {
              pos_ += 2;
              return dict;
            }
            if (pos_ >= s_.size()) throw ParseError("unterminated dictionary");
            if (s_[pos_] != '/') throw ParseError("a dictionary key is not a name");
            Value key = ParseValue(depth + 1);
            Value value = ParseValue(depth + 1);
            // A key written twice: the last one counts, as in most readers.
            if (Value* old = dict.Get(key.text))
              *old = std::move(value);
            else
              dict.dict.emplace_back(std::move(key.text), std::move(value));
          }
        }
        size_t start = pos_;
        size_t end = s_.find('>', pos_);
        if (end == std::string_view::npos) throw ParseError("unterminated hex string");
        pos_ = end + 1;
        Value v;
        v.type = Value::Type::kString;
        v.text = s_.substr(start, pos_ - start);
        return v;
      }
      case '[': {
        ++pos_;
        Value array = Value::Array();
        for (;;) {
          SkipWhite();
          if (pos_ >= s_.size()) throw ParseError("unterminated array");
          if (s_[pos_] == ']') {
            ++pos_;
            return array;
          }
          array.array.push_back(ParseValue(depth + 1));
        }
      }
      default: break;
    }
    if (IsDigit(c)) {
      // Fast path for the commonest tokens: an unsigned integer, or "n g R".
      size_t end = pos_;
      int64_t v = 0;
      while (end < s_.size() && IsDigit(s_[end]) && end - pos_ < 18) v = v * 10 + (s_[end++] - '0');
      if (end == s_.size() || IsWhite(s_[end]) || (IsDelimiter(s_[end]) && s_[end] != '%')) {
        size_t j = end;
        while (j < s_.size() && IsWhite(s_[j])) ++j;
        if (j == s_.size() || (!IsDigit(s_[j]) && s_[j] != '%')) {
          pos_ = end;
          return Value::Int(v);
        }
        size_t g = j;
        int64_t gen = 0;
        while (g < s_.size() && IsDigit(s_[g]) && g - j < 10) gen = gen * 10 + (s_[g++] - '0');
        size_t r = g;
        while (r < s_.size() && IsWhite(s_[r])) ++r;
        if (r > g && r < s_.size() && s_[r] == 'R' &&
            (r + 1 == s_.size() || IsWhite(s_[r + 1]) || IsDelimiter(s_[r + 1]))) {
          pos_ = r + 1;
          return Value::Ref(v, static_cast<uint32_t>(gen));
        }
        if (g < s_.size() && !IsDigit(s_[g]) && s_[g] != '%' && !IsWhite(s_[g]) &&
            !IsDelimiter(s_[g])) {
          // "12 3x": not a reference; the general path below decides.
        } else if (r == s_.size() || s_[r] != '%') {
          pos_ = end;
          return Value::Int(v);
        }
      }
    }
    std::string_view w = PeekWord();
    if (w.empty()) throw ParseError(std::string("unexpected character '") + c + "'");
    if (w == "true" || w == "false") {
      pos_ += w.size();
      return Value::Bool(w == "true");
    }
    if (w == "null") {
      pos_ += w.size();
      return Value::Null();
    }
    // An integer is digits with an optional sign; a real has one or more '.' as well.
    bool integer = true, number = true;
    size_t digits = 0;
    for (size_t i = 0; i < w.size(); ++i) {
      char k = w[i];
      if (IsDigit(k)) {
        ++digits;
      } else if ((k == '-' || k == '+') && i == 0) {
      } else if (k == '.') {
        integer = false;
      } else {
        integer = number = false;
      }
    }
    if (digits == 0) integer = false;
    pos_ += w.size();
    if (integer && w.size() <= 18) {
      int64_t v = 0;
      bool negative = w[0] == '-';
      for (char k : w)
        if (IsDigit(k)) v = v * 10 + (k - '0');
      if (negative) v = -v;
      // "n g R" is a reference.
      if (v >= 0 && IsDigit(w[0])) {
        size_t save = pos_;
        int64_t gen = 0;
        if (Integer(gen) && PeekWord() == "R") {
          pos_ += 1;
          return Value::Ref(v, static_cast<uint32_t>(gen));
        }
        pos_ = save;
      }
      return Value::Int(v);
    }
    if (number) {
      Value v;
      v.type = Value::Type::kReal;
      v.text = w;
      if (v.text.front() == '.') v.text.insert(0, "0");
      if (v.text.size() > 1 && v.text[0] == '-' && v.text[1] == '.') v.text.insert(1, "0");
      if (v.text.front() == '+') v.text.erase(0, 1);
      if (!v.text.empty() && v.text.back() == '.') v.text.pop_back();  // a lone "+" is empty here
      if (v.text.empty() || v.text == "-" || v.text == "-0") v.text = "0";
      return v;
    }
    throw ParseError("unexpected token \"" + std::string(w.substr(0, 20)) + "\"");
  }

 private:
  std::string_view s_;
  size_t pos_;
};

uint64_t ReadBigEndian(const unsigned char* p, int width) {
  uint64_t v = 0;
  for (int i = 0; i < width; ++i) v = (v << 8) | p[i];
  return v;
}

std::string Unpredict(std::string data, const Value* parms) {
  if (parms == nullptr || !parms->IsDict()) return data;
  const Value* p = parms->Get("Predictor");
  int64_t predictor = p && p->IsInt() ? p->integer : 1;
  if (predictor <= 1) return data;
  auto get = [&](const char* key, int64_t fallback) {
    const Value* v = parms->Get(key);
    return v && v->IsInt() && v->integer > 0 ? v->integer : fallback;
  };
  int64_t colors = get("Colors", 1), bpc = get("BitsPerComponent", 8), columns = get("Columns", 1);
  if (colors > 64 || bpc > 16 || columns > (1 << 24)) throw ParseError("bad predictor parameters");
  size_t bpp = static_cast<size_t>(std::max<int64_t>(1, (colors * bpc + 7) / 8));
  size_t row = static_cast<size_t>((colors * bpc * columns + 7) / 8);
  if (row > (1u << 24)) throw ParseError("bad predictor parameters");
  if (predictor == 2) {
    if (bpc != 8) throw ParseError("unsupported TIFF predictor");
    for (size_t r = 0; r + row <= data.size(); r += row)
      for (size_t i = bpp; i < row; ++i)
        data[r + i] = static_cast<char>(data[r + i] + data[r + i - bpp]);
    return data;
  }
  std::string out;
  out.reserve(data.size());
  std::vector<unsigned char> prev(row, 0), cur(row);
  for (size_t pos = 0; pos < data.size();) {
    unsigned char filter = static_cast<unsigned char>(data[pos++]);
    size_t n = std::min(row, data.size() - pos);
    std::memcpy(cur.data(), data.data() + pos, n);
    std::fill(cur.begin() + static_cast<std::ptrdiff_t>(n), cur.end(), 0);
    pos += n;
    for (size_t i = 0; i < row; ++i) {
      unsigned a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      switch (filter) {
        case 0: break;
        case 1: cur[i] = static_cast<unsigned char>(cur[i] + a); break;
        case 2: cur[i] = static_cast<unsigned char>(cur[i] + b); break;
        case 3: cur[i] = static_cast<unsigned char>(cur[i] + (a + b) / 2); break;
        case 4: {
          int p0 = static_cast<int>(a + b) - static_cast<int>(c);
          int pa = std::abs(p0 - static_cast<int>(a)), pb = std::abs(p0 - static_cast<int>(b)),
              pc = std::abs(p0 - static_cast<int>(c));
          unsigned pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          cur[i] = static_cast<unsigned char>(cur[i] + pred);
          break;
        }
        default: throw ParseError("bad PNG predictor");
      }
    }
    out.append(reinterpret_cast<const char*>(cur.data()), n);
    prev = cur;
  }
  return out;
}

}  // namespace

namespace {

// Inflates zlib data a piece at a time. When `stop` is given it sees the output so far at
// growing checkpoints and may end the work early by returning true (the text-layer check
// needs only a content stream's first text). Truncated data keeps what came out; damaged
// data, or output past kMaxDecoded, throws ParseError.
std::string Inflate(std::string_view data, const std::function<bool(std::string_view)>& stop = {}) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) throw ParseError("zlib failed");
  std::string out(std::min(std::max<size_t>(data.size() * 4, 16384), kMaxDecoded), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  size_t checkpoint = stop ? 4096 : out.size();
  for (;;) {
    if (z.total_out >= out.size()) {
      if (out.size() >= kMaxDecoded) {
        inflateEnd(&z);
        throw ParseError("a compressed stream is too large");
      }
      out.resize(std::min(out.size() * 2, kMaxDecoded));
    }
    size_t limit = stop && checkpoint > z.total_out ? std::min(out.size(), checkpoint) : out.size();
    z.next_out = reinterpret_cast<Bytef*>(out.data() + z.total_out);
    z.avail_out = static_cast<uInt>(limit - z.total_out);
    int rc = inflate(&z, Z_NO_FLUSH);
    if (rc == Z_STREAM_END || (rc == Z_BUF_ERROR && z.avail_in == 0)) break;
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      inflateEnd(&z);
      throw ParseError("damaged compressed stream");
    }
    if (stop && z.total_out >= checkpoint) {
      if (stop(std::string_view(out.data(), z.total_out))) break;
      checkpoint *= 4;
    }
  }
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

}  // namespace

std::string FlateDecode(std::string_view data, const Value* parms) {
  return Unpredict(Inflate(data), parms);
}

PdfFile::PdfFile(std::string_view bytes) : bytes_(bytes) {
  size_t tail = bytes_.size() > 2048 ? bytes_.size() - 2048 : 0;
  size_t at = bytes_.rfind("startxref");
  bool ok = false;
  if (at != std::string_view::npos && at >= tail) {
    try {
      Lexer lex(bytes_, at + 9);
      int64_t offset = 0;
      if (!lex.Integer(offset) || offset <= 0 || static_cast<uint64_t>(offset) >= bytes_.size())
        throw ParseError("bad startxref");
      ReadXref(static_cast<uint64_t>(offset), 0);
      ok = trailer_.Has("Root");
      // Probe the catalog: a file whose offsets are all wrong is recovered instead. (An
      // encrypted file is only reported, and its object streams cannot be read.)
      if (ok && !trailer_.Has("Encrypt")) {
        const Value* root = trailer_.Get("Root");
        ok = root->IsRef() && Get(root->integer) != nullptr;
      }
    } catch (const ParseError&) {
      ok = false;
    }
  }
  if (!ok) Recover();
}

PdfFile::Entry& PdfFile::EntryFor(int64_t number) {
  if (number < 0 || number >= kMaxObjects) throw ParseError("object number out of range");
  if (static_cast<size_t>(number) >= entries_.size())
    entries_.resize(static_cast<size_t>(number) + 1);
  return entries_[static_cast<size_t>(number)];
}

void PdfFile::MergeTrailer(const Value& trailer) {
  if (!trailer.IsDict()) return;
  for (const auto& [key, value] : trailer.dict)
    if (!trailer_.Has(key) && key != "Prev" && key != "XRefStm") trailer_.Set(key, value);
}

void PdfFile::ReadXref(uint64_t offset, int depth) {
  if (depth > 64) throw ParseError("too many cross-reference sections");
  Lexer lex(bytes_, static_cast<size_t>(offset));
  if (lex.Keyword("xref")) {
    for (;;) {
      if (lex.Keyword("trailer")) break;
      int64_t first = 0, count = 0;
      if (!lex.Integer(first) || !lex.Integer(count)) throw ParseError("bad xref table");
      if (count < 0 || first + count > kMaxObjects) throw ParseError("bad xref table");
      for (int64_t k = 0; k < count; ++k) {
        int64_t where = 0, gen = 0;
        if (!lex.Integer(where) || !lex.Integer(gen)) throw ParseError("bad xref entry");
        std::string_view type = lex.PeekWord();
        if (type != "n" && type != "f") throw ParseError("bad xref entry");
        lex.set_pos(lex.pos() + 1);
        Entry& e = EntryFor(first + k);
        if (e.kind != Entry::kUnset) continue;  // a later update already says
        if (type == "n" && where > 0) {
          e.kind = Entry::kOffset;
          e.where = static_cast<uint64_t>(where);
          e.generation = static_cast<uint32_t>(gen);
        } else {
          e.kind = Entry::kFree;
        }
      }
    }
    Value trailer = lex.ParseValue(0);
    if (!trailer.IsDict()) throw ParseError("bad trailer");
    MergeTrailer(trailer);
    if (const Value* stm = trailer.Get("XRefStm"); stm && stm->IsInt() && stm->integer > 0) {
      Object s = ParseAt(static_cast<size_t>(stm->integer), -1, 0);
      ReadXrefStream(s);
    }
    if (const Value* prev = trailer.Get("Prev"); prev && prev->IsInt() && prev->integer > 0 &&
                                                 static_cast<uint64_t>(prev->integer) != offset)
      ReadXref(static_cast<uint64_t>(prev->integer), depth + 1);
    return;
  }
  Object s = ParseAt(static_cast<size_t>(offset), -1, 0);
  if (!s.has_stream || !s.value.Get("Type") || !s.value.Get("Type")->IsName("XRef"))
    throw ParseError("startxref does not point at cross-reference data");
  ReadXrefStream(s);
  MergeTrailer(s.value);
  if (const Value* prev = s.value.Get("Prev");
      prev && prev->IsInt() && prev->integer > 0 && static_cast<uint64_t>(prev->integer) != offset)
    ReadXref(static_cast<uint64_t>(prev->integer), depth + 1);
}

void PdfFile::ReadXrefStream(const Object& s) {
  const Value* w = s.value.Get("W");
  if (w == nullptr || !w->IsArray() || w->array.size() != 3) throw ParseError("bad xref stream");
  int widths[3];
  for (int i = 0; i < 3; ++i) {
    if (!w->array[static_cast<size_t>(i)].IsInt() || w->array[static_cast<size_t>(i)].integer < 0 ||
        w->array[static_cast<size_t>(i)].integer > 8)
      throw ParseError("bad xref stream widths");
    widths[i] = static_cast<int>(w->array[static_cast<size_t>(i)].integer);
  }
  std::optional<std::string> data = Decode(s);
  if (!data) throw ParseError("xref stream with an unsupported filter");
  std::vector<int64_t> index;
  if (const Value* ix = s.value.Get("Index"); ix && ix->IsArray()) {
    for (const Value& v : ix->array) index.push_back(v.IsInt() ? v.integer : 0);
  } else {
    const Value* size = s.value.Get("Size");
    index = {0, size && size->IsInt() ? size->integer : 0};
  }
  size_t row = static_cast<size_t>(widths[0] + widths[1] + widths[2]);
  if (row == 0) throw ParseError("bad xref stream widths");
  const auto* p = reinterpret_cast<const unsigned char*>(data->data());
  size_t pos = 0;
  for (size_t k = 0; k + 1 < index.size(); k += 2) {
    int64_t first = index[k], count = index[k + 1];
    if (first < 0 || count < 0 || first + count > kMaxObjects) throw ParseError("bad xref index");
    for (int64_t n = 0; n < count && pos + row <= data->size(); ++n, pos += row) {
      uint64_t type = widths[0] == 0 ? 1 : ReadBigEndian(p + pos, widths[0]);
      uint64_t f2 = ReadBigEndian(p + pos + widths[0], widths[1]);
      uint64_t f3 = ReadBigEndian(p + pos + widths[0] + widths[1], widths[2]);
      Entry& e = EntryFor(first + n);
      if (e.kind != Entry::kUnset) continue;
      if (type == 1 && f2 > 0) {
        e.kind = Entry::kOffset;
        e.where = f2;
        e.generation = static_cast<uint32_t>(f3);
      } else if (type == 2) {
        e.kind = Entry::kCompressed;
        e.where = f2;
        e.generation = static_cast<uint32_t>(f3);
      } else if (type == 0) {
        e.kind = Entry::kFree;
      }
    }
  }
}

void PdfFile::Recover() {
  recovered_ = true;
  entries_.clear();
  trailer_ = Value::Dict();
  cache_.clear();
  streams_.clear();
  // Every "n g obj" at the start of a line; a later definition replaces an earlier one.
  for (size_t at = bytes_.find("obj"); at != std::string_view::npos;
       at = bytes_.find("obj", at + 3)) {
    if (at + 3 < bytes_.size() && !IsWhite(bytes_[at + 3]) && !IsDelimiter(bytes_[at + 3]))
      continue;
    size_t p = at;
    while (p > 0 && IsWhite(bytes_[p - 1])) --p;
    size_t gen_end = p;
    while (p > 0 && IsDigit(bytes_[p - 1])) --p;
    if (p == gen_end) continue;
    size_t gen_start = p;
    while (p > 0 && IsWhite(bytes_[p - 1])) --p;
    if (p == gen_start) continue;
    size_t num_end = p;
    while (p > 0 && IsDigit(bytes_[p - 1])) --p;
    if (p == num_end || num_end - p > 9 || gen_end - gen_start > 5) continue;
    if (p > 0 && !IsWhite(bytes_[p - 1]) && !IsDelimiter(bytes_[p - 1])) continue;
    int64_t number = std::stoll(std::string(bytes_.substr(p, num_end - p)));
    if (number <= 0 || number >= kMaxObjects) continue;
    Entry& e = EntryFor(number);
    e.kind = Entry::kOffset;
    e.where = p;
    e.generation = static_cast<uint32_t>(
        std::stoul(std::string(bytes_.substr(gen_start, gen_end - gen_start))));
  }
  // The last trailer dictionary, else the last xref stream, else a catalog object.
  for (size_t at = bytes_.rfind("trailer"); at != std::string_view::npos;
       at = at == 0 ? std::string_view::npos : bytes_.rfind("trailer", at - 1)) {
    try {
      Lexer lex(bytes_, at + 7);
      Value t = lex.ParseValue(0);
      if (t.IsDict() && t.Has("Root")) {
        MergeTrailer(t);
        break;
      }
    } catch (const ParseError&) {
    }
  }
  if (!trailer_.Has("Root")) {
    for (size_t n = entries_.size(); n-- > 1;) {
      if (entries_[n].kind != Entry::kOffset) continue;
      try {
        const Object* o = Get(static_cast<int64_t>(n));
        if (o == nullptr) continue;
        if (o->has_stream && o->value.Get("Type") && o->value.Get("Type")->IsName("XRef") &&
            o->value.Has("Root")) {
          MergeTrailer(o->value);
          break;
        }
        if (o->value.Get("Type") && o->value.Get("Type")->IsName("Catalog")) {
          trailer_.Set("Root", Value::Ref(static_cast<int64_t>(n)));
          break;
        }
      } catch (const ParseError&) {
      }
    }
  }
  trailer_.Remove("Prev");
  if (!trailer_.Has("Root")) throw ParseError("no cross-reference data or catalog found");
  // Objects inside object streams are found through those streams' headers.
  for (size_t n = 1; n < entries_.size(); ++n) {
    if (entries_[n].kind != Entry::kOffset) continue;
    try {
      const Object* o = Get(static_cast<int64_t>(n));
      if (o == nullptr || !o->has_stream || !o->value.Get("Type") ||
          !o->value.Get("Type")->IsName("ObjStm"))
        continue;
      const ObjectStream& s = Stream(static_cast<int64_t>(n), 0);
      for (size_t i = 0; i < s.objects.size(); ++i) {
        Entry& e = EntryFor(s.objects[i].first);
        if (e.kind == Entry::kOffset) continue;
        e.kind = Entry::kCompressed;
        e.where = n;
        e.generation = static_cast<uint32_t>(i);
      }
    } catch (const ParseError&) {
    }
  }
}

bool PdfFile::Exists(int64_t number, uint32_t generation) const {
  if (number <= 0 || static_cast<size_t>(number) >= entries_.size()) return false;
  const Entry& e = entries_[static_cast<size_t>(number)];
  if (e.kind == Entry::kOffset) return e.generation == generation;
  return e.kind == Entry::kCompressed && generation == 0;
}

const Object* PdfFile::Get(int64_t number) {
  if (number <= 0 || static_cast<size_t>(number) >= entries_.size()) return nullptr;
  const Entry& e = entries_[static_cast<size_t>(number)];
  if (e.kind != Entry::kOffset && e.kind != Entry::kCompressed) return nullptr;
  if (cache_.size() < entries_.size()) cache_.resize(entries_.size());
  auto& slot = cache_[static_cast<size_t>(number)];
  if (!slot) slot = std::make_unique<Object>(Parse(number, 0));
  return slot.get();
}

const Object& PdfFile::Load(int64_t number, Object& scratch) {
  if (number > 0 && static_cast<size_t>(number) < cache_.size() &&
      cache_[static_cast<size_t>(number)])
    return *cache_[static_cast<size_t>(number)];
  scratch = Parse(number, 0);
  return scratch;
}

const Value* PdfFile::Resolve(const Value* value) {
  for (int hops = 0; value != nullptr && value->IsRef(); ++hops) {
    if (hops > 32) return nullptr;
    const Object* o = Get(value->integer);
    value = o ? &o->value : nullptr;
  }
  return value;
}

Object PdfFile::Parse(int64_t number, int depth) {
  if (depth > 8) throw ParseError("stream lengths refer to each other");
  if (number <= 0 || static_cast<size_t>(number) >= entries_.size())
    throw ParseError("object " + std::to_string(number) + " does not exist");
  const Entry e = entries_[static_cast<size_t>(number)];
  if (e.kind == Entry::kOffset) {
    if (e.where >= bytes_.size())
      throw ParseError("object " + std::to_string(number) + " is beyond the end of the file");
    return ParseAt(static_cast<size_t>(e.where), number, depth);
  }
  if (e.kind != Entry::kCompressed)
    throw ParseError("object " + std::to_string(number) + " does not exist");
  const ObjectStream& s = Stream(static_cast<int64_t>(e.where), depth + 1);
  size_t offset = OffsetInStream(s, e, number);
  Lexer lex(s.data, offset);
  Object o;
  o.value = lex.ParseValue(0);
  return o;
}

size_t PdfFile::OffsetInStream(const ObjectStream& s, const Entry& e, int64_t number) {
  // The xref gives the object's index in the stream; trust it only when it agrees.
  size_t offset = std::string_view::npos;
  if (e.generation < s.objects.size() && s.objects[e.generation].first == number) {
    offset = s.objects[e.generation].second;
  } else {
    for (const auto& [n, o] : s.objects)
      if (n == number) offset = o;
  }
  if (offset == std::string_view::npos || offset >= s.data.size())
    throw ParseError("object " + std::to_string(number) + " is missing from its object stream");
  return offset;
}

const PdfFile::ObjectStream& PdfFile::Stream(int64_t number, int depth) {
  auto it = streams_.find(number);
  if (it != streams_.end()) return *it->second;
  if (number <= 0 || static_cast<size_t>(number) >= entries_.size() ||
      entries_[static_cast<size_t>(number)].kind != Entry::kOffset)
    throw ParseError("object stream " + std::to_string(number) + " does not exist");
  Object stm = Parse(number, depth);
  const Value* n = stm.value.Get("N");
  const Value* first = stm.value.Get("First");
  if (!stm.has_stream || !n || !n->IsInt() || !first || !first->IsInt() || n->integer < 0 ||
      first->integer < 0)
    throw ParseError("bad object stream " + std::to_string(number));
  auto s = std::make_unique<ObjectStream>();
  std::optional<std::string> data = Decode(stm);
  if (!data) throw ParseError("object stream with an unsupported filter");
  s->data = std::move(*data);
  Lexer lex(s->data, 0);
  for (int64_t i = 0; i < n->integer; ++i) {
    int64_t num = 0, off = 0;
    if (!lex.Integer(num) || !lex.Integer(off)) throw ParseError("bad object stream header");
    s->objects.emplace_back(num, static_cast<size_t>(first->integer + off));
  }
  return *streams_.emplace(number, std::move(s)).first->second;
}

Object PdfFile::ParseAt(size_t offset, int64_t number, int depth) {
  Lexer lex(bytes_, offset);
  int64_t num = 0, gen = 0;
  if (!lex.Integer(num) || !lex.Integer(gen) || !lex.Keyword("obj"))
    throw ParseError("object " + std::to_string(number) + " is not where the xref says");
  if (number >= 0 && num != number)
    throw ParseError("object " + std::to_string(number) + " is not where the xref says");
  Object o;
  o.value = lex.ParseValue(0);
  size_t after = lex.pos();
  if (o.value.IsDict() && lex.Keyword("stream")) {
    o.has_stream = true;
    o.stream = StreamData(lex.pos(), o.value.Get("Length"), num, depth);
  } else {
    lex.set_pos(after);
  }
  return o;
}

std::string_view PdfFile::StreamData(size_t start, const Value* l, int64_t number, int depth) {
  if (start < bytes_.size() && bytes_[start] == '\r') ++start;
  if (start < bytes_.size() && bytes_[start] == '\n') ++start;
  int64_t length = -1;
  if (l != nullptr && l->IsInt()) {
    length = l->integer;
  } else if (l != nullptr && l->IsRef() && l->integer != number) {
    try {
      Object lo = Parse(l->integer, depth + 1);
      if (lo.value.IsInt()) length = lo.value.integer;
    } catch (const ParseError&) {
    }
  }
  bool fits = false;
  if (length >= 0 && static_cast<uint64_t>(length) <= bytes_.size() - start) {
    Lexer end(bytes_, start + static_cast<size_t>(length));
    fits = end.PeekWord() == "endstream";
  }
  if (!fits) {
    size_t end = bytes_.find("endstream", start);
    if (end == std::string_view::npos) throw ParseError("a stream has no end");
    size_t trimmed = end;
    if (trimmed > start && bytes_[trimmed - 1] == '\n') --trimmed;
    if (trimmed > start && bytes_[trimmed - 1] == '\r') --trimmed;
    length = static_cast<int64_t>(trimmed - start);
  }
  return bytes_.substr(start, static_cast<size_t>(length));
}

bool PdfFile::IsParsed(int64_t number) const {
  return number > 0 && static_cast<size_t>(number) < cache_.size() &&
         cache_[static_cast<size_t>(number)] != nullptr;
}

namespace {

// Re-emits PDF tokens from `text` into `out`, mapping references through the sink.
class RawCopier {
 public:
  RawCopier(std::string_view text, size_t pos, std::string& out, RawSink& sink)
      : s_(text), lex_(text, pos), out_(out), sink_(sink) {}

  // Copies one value. `top`: the object itself (whose font names the sink hears about).
  // With `length`, /Length is taken out of the dictionary (returned there) and the
  // closing ">>" left to the caller.
  void Copy(int depth, Value* length, bool top = false) {
    if (depth > kMaxDepth) throw ParseError("objects nested too deeply");
    lex_.SkipWhite();
    size_t p = lex_.pos();
    if (p >= s_.size()) throw ParseError("unexpected end of data");
    char c = s_[p];
    if (c == '/') {
      size_t end = p + 1;
      while (end < s_.size() && !IsWhite(s_[end]) && !IsDelimiter(s_[end])) ++end;
      out_.append(s_.data() + p, end - p);
      lex_.set_pos(end);
      return;
    }
    if (c == '(' || (c == '<' && !(p + 1 < s_.size() && s_[p + 1] == '<'))) {
      Value v = lex_.ParseValue(depth);  // a string: checked, then copied as written
      out_ += v.text;
      return;
    }
    if (c == '<') {
      lex_.set_pos(p + 2);
      out_ += "<<";
      for (;;) {
        lex_.SkipWhite();
        size_t k = lex_.pos();
        if (k + 1 < s_.size() && s_[k] == '>' && s_[k + 1] == '>') {
          lex_.set_pos(k + 2);
          if (length == nullptr) out_ += ">>";
          return;
        }
        if (k >= s_.size()) throw ParseError("unterminated dictionary");
        if (s_[k] != '/') throw ParseError("a dictionary key is not a name");
        size_t end = k + 1;
        while (end < s_.size() && !IsWhite(s_[end]) && !IsDelimiter(s_[end])) ++end;
        std::string_view key = s_.substr(k + 1, end - k - 1);
        lex_.set_pos(end);
        if (length != nullptr && key == "Length") {
          *length = lex_.ParseValue(depth + 1);
          continue;
        }
        AppendKey(out_, key);
        if (top && (key == "BaseFont" || key == "FontName")) {
          lex_.SkipWhite();
          size_t v = lex_.pos();
          if (v < s_.size() && s_[v] == '/') {
            size_t e = v + 1;
            while (e < s_.size() && !IsWhite(s_[e]) && !IsDelimiter(s_[e])) ++e;
            sink_.TopLevelName(key, s_.substr(v + 1, e - v - 1), out_.size() + 1);
          }
        }
        Copy(depth + 1, nullptr);
      }
    }
    if (c == '[') {
      lex_.set_pos(p + 1);
      out_ += '[';
      bool first = true;
      for (;;) {
        lex_.SkipWhite();
        size_t k = lex_.pos();
        if (k >= s_.size()) throw ParseError("unterminated array");
        if (s_[k] == ']') {
          lex_.set_pos(k + 1);
          out_ += ']';
          return;
        }
        if (!first) out_ += ' ';
        first = false;
        Copy(depth + 1, nullptr);
      }
    }
    // Numbers, references and keywords: parsed by the value lexer (which knows "n g R").
    Value v = lex_.ParseValue(depth);
    if (v.IsRef())
      sink_.Reference(v.integer, v.generation, out_);
    else
      WriteValue(v, out_);
  }

  size_t pos() { return lex_.pos(); }
  bool StreamFollows() { return lex_.Keyword("stream"); }

 private:
  std::string_view s_;
  Lexer lex_;
  std::string& out_;
  RawSink& sink_;
};

}  // namespace

void PdfFile::CopyRaw(int64_t number, std::string& out, RawSink& sink) {
  if (number <= 0 || static_cast<size_t>(number) >= entries_.size())
    throw ParseError("object " + std::to_string(number) + " does not exist");
  const Entry e = entries_[static_cast<size_t>(number)];
  if (e.kind == Entry::kOffset) {
    if (e.where >= bytes_.size())
      throw ParseError("object " + std::to_string(number) + " is beyond the end of the file");
    Lexer lex(bytes_, static_cast<size_t>(e.where));
    int64_t num = 0, gen = 0;
    if (!lex.Integer(num) || !lex.Integer(gen) || !lex.Keyword("obj") || num != number)
      throw ParseError("object " + std::to_string(number) + " is not where the xref says");
    lex.SkipWhite();
    bool dict =
        lex.pos() + 1 < bytes_.size() && bytes_[lex.pos()] == '<' && bytes_[lex.pos() + 1] == '<';
    RawCopier copier(bytes_, lex.pos(), out, sink);
    Value length;
    copier.Copy(0, dict ? &length : nullptr, true);
    if (!dict) return;
    if (copier.StreamFollows()) {
      AppendLengthAndStream(out, StreamData(copier.pos(), &length, number, 0));
    } else {
      if (!length.IsNull()) {  // a /Length in a dictionary without a stream stays
        out += "/Length ";
        if (length.IsRef())
          sink.Reference(length.integer, length.generation, out);
        else
          WriteValue(length, out);
      }
      out += ">>";
    }
    return;
  }
  if (e.kind != Entry::kCompressed)
    throw ParseError("object " + std::to_string(number) + " does not exist");
  const ObjectStream& s = Stream(static_cast<int64_t>(e.where), 1);
  size_t offset = OffsetInStream(s, e, number);
  RawCopier copier(s.data, offset, out, sink);
  copier.Copy(0, nullptr, true);
}

std::optional<bool> PdfFile::ScanDecoded(
    const Object& object, const std::function<bool(std::string_view, bool)>& enough) {
  const Value* filter = Resolve(object.value.Get("Filter"));
  const Value* parms = Resolve(object.value.Get("DecodeParms"));
  if (filter != nullptr && filter->IsArray() && filter->array.size() == 1) {
    filter = Resolve(&filter->array[0]);
    parms =
        parms && parms->IsArray() && !parms->array.empty() ? Resolve(&parms->array[0]) : nullptr;
  }
  if (filter == nullptr) return enough(object.stream, true);
  const Value* predictor = parms && parms->IsDict() ? parms->Get("Predictor") : nullptr;
  bool plain_flate = (filter->IsName("FlateDecode") || filter->IsName("Fl")) &&
                     (predictor == nullptr || !predictor->IsInt() || predictor->integer <= 1);
  if (!plain_flate) {
    std::optional<std::string> data = Decode(object);
    if (!data) return std::nullopt;
    return enough(*data, true);
  }
  bool stopped = false;
  std::string out = Inflate(
      object.stream, [&](std::string_view prefix) { return stopped = enough(prefix, false); });
  return stopped || enough(out, true);
}

std::optional<std::string> PdfFile::Decode(const Object& object) {
  std::string data(object.stream);
  const Value* filter = Resolve(object.value.Get("Filter"));
  const Value* parms = Resolve(object.value.Get("DecodeParms"));
  std::vector<const Value*> filters, params;
  if (filter != nullptr && filter->IsName()) {
    filters.push_back(filter);
    params.push_back(parms);
  } else if (filter != nullptr && filter->IsArray()) {
    for (size_t i = 0; i < filter->array.size(); ++i) {
      filters.push_back(Resolve(&filter->array[i]));
      params.push_back(parms && parms->IsArray() && i < parms->array.size()
                           ? Resolve(&parms->array[i])
                           : nullptr);
    }
  }
  for (size_t i = 0; i < filters.size(); ++i) {
    const Value* f = filters[i];
    if (f == nullptr || !f->IsName()) return std::nullopt;
    std::optional<std::string> decoded;
    if (f->text == "FlateDecode" || f->text == "Fl") {
      decoded = FlateDecode(data, params[i]);
    } else if (f->text == "LZWDecode" || f->text == "LZW") {
      const Value* early =
          params[i] && params[i]->IsDict() ? params[i]->Get("EarlyChange") : nullptr;
      decoded = LzwDecode(data, !(early && early->IsInt() && early->integer == 0), kMaxDecoded);
      if (decoded) decoded = Unpredict(std::move(*decoded), params[i]);
    } else if (f->text == "ASCII85Decode" || f->text == "A85") {
      decoded = Ascii85Decode(data);
    } else if (f->text == "ASCIIHexDecode" || f->text == "AHx") {
      decoded = AsciiHexDecode(data);
    } else if (f->text == "RunLengthDecode" || f->text == "RL") {
      decoded = RunLengthDecode(data, kMaxDecoded);
    }
    if (!decoded)
      return std::nullopt;  // a filter we do not read (DCT, JBIG2, Crypt...) or bad data
    data = std::move(*decoded);
  }
  return data;
}

}  // namespace ehcp::pdfio
