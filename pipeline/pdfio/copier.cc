#include "pdfio/copier.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>

#include "pdfio/object_writer.h"

namespace ehcp::pdfio {

namespace {

bool IsSubsetName(const std::string& name) {
  if (name.size() < 8 || name[6] != '+') return false;
  return std::all_of(name.begin(), name.begin() + 6, [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

int64_t OutputPdf::Add(Value value) {
  Entry e;
  e.owned = std::make_unique<OwnedObject>();
  e.owned->value = std::move(value);
  entries_.push_back(std::move(e));
  return static_cast<int64_t>(entries_.size()) - 1;
}

int64_t OutputPdf::AddStream(Value dict, std::string data) {
  int64_t n = Add(std::move(dict));
  OwnedObject& o = *entries_[static_cast<size_t>(n)].owned;
  o.has_stream = true;
  o.own_data = true;
  o.data = std::move(data);
  return n;
}

int64_t OutputPdf::AddPending(Copier* copier, int64_t source, int owner) {
  Entry e;
  e.copier = copier;
  e.source = source;
  e.owner = owner;
  entries_.push_back(std::move(e));
  return static_cast<int64_t>(entries_.size()) - 1;
}

void OutputPdf::MakeNull(int64_t number, int64_t source, int owner) {
  Entry& e = entries_[static_cast<size_t>(number)];
  if (e.source != source || e.owner != owner) return;  // a bundle object it stood for
  e.owned = std::make_unique<OwnedObject>();
  e.copier = nullptr;
}

OwnedObject& OutputPdf::Owned(int64_t number, const Object* parsed) {
  if (number <= 0 || static_cast<size_t>(number) >= entries_.size())
    throw ParseError("no bundle object " + std::to_string(number));
  Entry& e = entries_[static_cast<size_t>(number)];
  if (e.owned) return *e.owned;
  Copier* copier = e.copier;
  int64_t source = e.source;
  Object scratch;
  const Object& o = parsed != nullptr ? *parsed : copier->source_.Load(source, scratch);
  auto owned = std::make_unique<OwnedObject>();
  owned->value = copier->CopyValue(o.value);  // may add entries: `e` is not used after this
  if (o.has_stream) {
    owned->has_stream = true;
    owned->raw = o.stream;
    owned->value.Remove("Length");
  }
  Entry& again = entries_[static_cast<size_t>(number)];
  again.owned = std::move(owned);
  again.copier = nullptr;
  return *again.owned;
}

void OutputPdf::WriteAny(const Value& value, Copier* copier, std::string& out) {
  if (copier == nullptr) {
    WriteValue(value, out);
  } else {
    WriteValueWith(value, out, [copier](const Value& ref, std::string& text) {
      int64_t mapped = copier->Number(ref.integer, ref.generation);
      if (mapped < 0) {
        text += "null";  // a dangling reference
      } else {
        AppendRef(text, mapped);
      }
    });
  }
}

void OutputPdf::WriteDict(const Value& dict, Copier* copier, bool skip_length, int64_t number,
                          std::string& out) {
  out += "<<";
  for (const auto& [k, v] : dict.dict) {
    if (skip_length && k == "Length") continue;
    AppendKey(out, k);
    if (number > 0 && v.IsName() && (k == "BaseFont" || k == "FontName") && IsSubsetName(v.text))
      subset_names_.push_back({number, k == "BaseFont" ? 0 : 1, out.size() + 1, v.text});
    WriteAny(v, copier, out);
  }
}

void OutputPdf::WriteObject(int64_t number, std::string& out) {
  Entry& e = entries_[static_cast<size_t>(number)];
  if (e.owned) {
    const OwnedObject& o = *e.owned;
    if (o.value.IsDict()) {
      WriteDict(o.value, nullptr, o.has_stream, number, out);
      if (o.has_stream) {
        AppendLengthAndStream(out, o.own_data ? std::string_view(o.data) : o.raw);
      } else {
        out += ">>";
      }
    } else {
      WriteAny(o.value, nullptr, out);
    }
  } else {
    Copier* copier = e.copier;
    const int64_t source = e.source;
    PdfFile& file = copier->source_;
    try {
      if (!file.IsParsed(source)) {
        // Not looked at by the bundle: copied token by token, no values built.
        struct Sink : RawSink {
          OutputPdf* self;
          Copier* copier;
          int64_t number;
          void Reference(int64_t n, uint32_t generation, std::string& text) override {
            int64_t mapped = copier->Number(n, generation);
            if (mapped < 0) {
              text += "null";
            } else {
              AppendRef(text, mapped);
            }
          }
          void TopLevelName(std::string_view key, std::string_view name, size_t offset) override {
            std::string n(name);
            if (IsSubsetName(n))
              self->subset_names_.push_back({number, key == "BaseFont" ? 0 : 1, offset, n});
          }
        } sink;
        sink.self = this;
        sink.copier = copier;
        sink.number = number;
        file.CopyRaw(source, out, sink);
      } else {
        const Object& o = *file.Get(source);
        if (o.value.IsDict()) {
          WriteDict(o.value, copier, o.has_stream, number, out);
          if (o.has_stream) {
            AppendLengthAndStream(out, o.stream);
          } else {
            out += ">>";
          }
        } else {
          WriteAny(o.value, copier, out);
        }
      }
    } catch (const ParseError& error) {
      throw ParseError(copier->name_ + " is damaged and cannot be read: " + error.what());
    }
  }
}

void OutputPdf::RenameSubsets(std::string& out) {
  // Every merged document's first font subset is called AAAAAA+Something; different
  // subsets under one name confuse some readers, so later owners get fresh prefixes.
  std::stable_sort(subset_names_.begin(), subset_names_.end(), [](const auto& a, const auto& b) {
    return a.object != b.object ? a.object < b.object : a.key < b.key;
  });
  std::set<std::string> prefixes;
  for (const auto& s : subset_names_) prefixes.insert(s.name.substr(0, 6));
  std::map<std::string, int> first_owner;
  std::map<std::pair<int, std::string>, std::string> renamed;
  unsigned counter = 0;
  for (const auto& s : subset_names_) {
    int who = entries_[static_cast<size_t>(s.object)].owner;
    auto [it, inserted] = first_owner.emplace(s.name, who);
    if (inserted || it->second == who) continue;
    auto& fresh = renamed[{who, s.name}];
    if (fresh.empty()) {
      std::string prefix;
      do {
        prefix.clear();
        for (unsigned n = counter++, k = 0; k < 6; ++k, n /= 26)
          prefix += static_cast<char>('A' + n % 26);
        std::reverse(prefix.begin(), prefix.end());
        prefix[0] = 'Z';  // ours start with Z; PoDoFo and LibreOffice count up from A
      } while (prefixes.count(prefix));
      prefixes.insert(prefix);
      fresh = prefix;
    }
    out.replace(s.offset, 6, fresh);  // same length: offsets stay right
  }
}

std::string OutputPdf::Write(int64_t root, int64_t info, size_t size_hint) {
  ObjectWriter writer(size_hint + size_hint / 8 + (1 << 16), /*compresses=*/false);
  subset_names_.clear();
  for (size_t n = 1; n < entries_.size(); ++n) {  // copies may add entries as they go
    const int number = writer.Allocate();         // == n: numbers are handed out in order
    WriteObject(number, writer.Begin(number));
    writer.End();
  }
  RenameSubsets(writer.Body());
  return writer.Finish(static_cast<int>(root), static_cast<int>(info));
}

Copier::Copier(PdfFile& source, OutputPdf& out, int owner, std::string name)
    : source_(source), out_(out), owner_(owner), name_(std::move(name)) {}

int64_t Copier::Number(int64_t source, uint32_t generation) {
  auto it = map_.find(source);
  if (it != map_.end()) return it->second;
  if (!source_.Exists(source, generation)) return -1;
  int64_t n = out_.AddPending(this, source, owner_);
  map_[source] = n;
  return n;
}

void Copier::Drop(int64_t source) {
  auto it = map_.find(source);
  if (it != map_.end() && it->second > 0) out_.MakeNull(it->second, source, owner_);
  map_[source] = -1;
}

Value Copier::MapReference(const Value& ref) {
  int64_t n = Number(ref.integer, ref.generation);
  return n < 0 ? Value::Null() : Value::Ref(n);
}

Value Copier::CopyValue(const Value& value) {
  switch (value.type) {
    case Value::Type::kRef: return MapReference(value);
    case Value::Type::kArray: {
      Value out = Value::Array();
      out.array.reserve(value.array.size());
      for (const Value& v : value.array) out.array.push_back(CopyValue(v));
      return out;
    }
    case Value::Type::kDict: {
      Value out = Value::Dict();
      out.dict.reserve(value.dict.size());
      for (const auto& [k, v] : value.dict) out.dict.emplace_back(k, CopyValue(v));
      return out;
    }
    default: return value;
  }
}

OwnedObject& Copier::Own(const Value& ref, const Object* parsed) {
  int64_t n = ref.IsRef() ? Number(ref.integer, ref.generation) : -1;
  if (n < 0) throw ParseError(name_ + ": a referenced object does not exist");
  return out_.Owned(n, parsed);
}

}  // namespace ehcp::pdfio
