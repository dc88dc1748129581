#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>

#include "domain/errors.hpp"
#include "formats/table.hpp"

namespace minqing::formats {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Bytes of `s` that form complete, valid UTF-8 sequences, stopping before a sequence cut off by
// the end of `s`; sets `valid` to false (and returns where) at the first invalid byte.
std::size_t Utf8Prefix(std::string_view s, bool& valid) {
  std::size_t i = 0;
  valid = true;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    if (c < 0x80) {
      extra = 0;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      extra = 3;
    } else {
      valid = false;
      return i;
    }
    for (std::size_t k = 1; k <= extra && i + k < s.size(); ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
        valid = false;
        return i;
      }
    }
    if (i + extra >= s.size()) return i;
    i += extra + 1;
  }
  return i;
}

[[noreturn]] void BadEncoding(const std::string& path) {
  throw domain::InvalidInput("csv.encoding", "文件编码无法识别（应为 UTF-8）：" + path);
}

// True when the whole file (after `skip` bytes) is valid UTF-8, read in chunks.
bool FileIsUtf8(std::ifstream& in, std::size_t skip) {
  in.clear();
  in.seekg(static_cast<std::streamoff>(skip), std::ios::beg);
  std::string chunk(std::size_t{1} << 20, '\0');
  std::string carry;
  for (;;) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    carry.append(chunk.data(), n);
    bool valid = true;
    std::size_t done = Utf8Prefix(carry, valid);
    if (!valid) return false;
    carry.erase(0, done);
  }
  return carry.empty();
}

struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};

// Spreadsheets run a cell that starts with one of these as a formula (=HYPERLINK(...), +1+2,
// -1+2, @SUM(...)); a tab or carriage return in front hides the same from a quick look.
bool StartsFormula(std::string_view field) {
  return !field.empty() &&
         std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos;
}

// True when the writer puts an apostrophe in front of `field`: a formula, or apostrophes before
// one (which would otherwise read back one apostrophe short).
bool NeedsFormulaGuard(std::string_view field) {
  std::size_t i = 0;
  while (i < field.size() && field[i] == '\'') ++i;
  return StartsFormula(field.substr(i));
}

// Undoes the writer's apostrophe on a field that was read back.
void UnguardFormula(std::string& field) {
  if (!field.empty() && field.front() == '\'' &&
      NeedsFormulaGuard(std::string_view(field).substr(1))) {
    field.erase(0, 1);
  }
}

bool NeedsQuotes(std::string_view field) {
  if (field.find_first_of(",\"\r\n") != std::string_view::npos) return true;
  return !field.empty() && (field.front() == ' ' || field.back() == ' ');
}

void AppendField(std::string& out, std::string_view raw) {
  std::string guarded;
  std::string_view field = raw;
  if (NeedsFormulaGuard(raw)) {
    guarded.reserve(raw.size() + 1);
    guarded.push_back('\'');
    guarded.append(raw);
    field = guarded;
  }
  if (!NeedsQuotes(field)) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void AppendRow(std::string& out, const std::vector<std::string>& row) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendField(out, row[i]);
  }
  out.append("\r\n");
}

bool IsBlank(const std::vector<std::string>& row) {
  for (const auto& cell : row) {
    if (!cell.empty()) return false;
  }
  return true;
}

}  // namespace

namespace {

// The CSV parser over a file read in 1 MB pieces (converted from GB 18030 piece by piece when
// the file is not UTF-8).
class CsvRowReader final : public RowReader {
 public:
  CsvRowReader(const std::string& path, const TableLimits& limits)
      : path_(path), limits_(limits), in_(path, std::ios::binary) {
    if (!in_) throw domain::InvalidInput("file.unreadable", "文件无法读取：" + path);
    in_.seekg(0, std::ios::end);
    const std::streamoff size = in_.tellg();
    if (size >= 0 && static_cast<std::uint64_t>(size) > limits.max_text_bytes) {
      TooLarge(path, "超过 " + std::to_string(limits.max_text_bytes >> 20) + " MB");
    }
    size_ = size > 0 ? static_cast<std::size_t>(size) : 0;
    std::string head(kBom.size(), '\0');
    in_.seekg(0, std::ios::beg);
    in_.read(head.data(), static_cast<std::streamsize>(head.size()));
    const std::size_t skip =
        static_cast<std::size_t>(in_.gcount()) == kBom.size() && head == kBom ? kBom.size() : 0;
    if (skip == 0 && !FileIsUtf8(in_, 0)) {
      iconv_t cd = iconv_open("UTF-8", "GB18030");
      // iconv_open reports failure as (iconv_t)-1.
      auto* const failed = reinterpret_cast<iconv_t>(-1);  // NOLINT(performance-no-int-to-ptr)
      if (cd == failed) BadEncoding(path);
      iconv_.reset(cd);
    }
    in_.clear();
    in_.seekg(static_cast<std::streamoff>(skip), std::ios::beg);
    consumed_ = skip;
    raw_.resize(kPiece);
    std::vector<std::string> header;
    if (Record(header)) {
      header_ = std::move(header);
      cells_ = header_.size();
    }
  }

  bool Next(std::vector<std::string>& row) override {
    if (!Record(row)) return false;
    if (rows_read_ + 1 >= limits_.max_rows) {
      TooLarge(path_, "最多 " + std::to_string(limits_.max_rows) + " 行");
    }
    AdmitStreamedRow(path_, limits_, header_.size(), cells_, row);
    ++rows_read_;
    return true;
  }

  std::size_t HeldBytes() const override {
    return raw_.capacity() + pending_.capacity() + buf_.capacity();
  }

  std::size_t EstimatedRows() const override {
    if (at_end_ || consumed_ == 0 || rows_read_ == 0) return rows_read_;
    // Bytes parsed: those read less those still waiting in the buffer (approximate after a
    // GB 18030 conversion, which changes lengths).
    const std::size_t waiting = buf_.size() - pos_;
    const std::size_t parsed = consumed_ > waiting ? consumed_ - waiting : 1;
    const double share = static_cast<double>(parsed) / static_cast<double>(size_);
    return std::max(rows_read_, static_cast<std::size_t>(static_cast<double>(rows_read_) / share));
  }

 private:
  static constexpr std::size_t kPiece = std::size_t{1} << 20;

  // Refills buf_ from the file; false at the end of the file.
  bool Fill() {
    buf_.erase(0, pos_);
    pos_ = 0;
    in_.read(raw_.data(), static_cast<std::streamsize>(raw_.size()));
    const auto n = static_cast<std::size_t>(in_.gcount());
    if (in_.bad()) throw domain::InvalidInput("file.unreadable", "文件无法读取：" + path_);
    consumed_ += n;
    if (!iconv_) {
      buf_.append(raw_.data(), n);
      return n > 0;
    }
    pending_.append(raw_.data(), n);
    if (pending_.empty()) return false;
    std::string out(pending_.size() * 2 + 16, '\0');
    char* src = pending_.data();
    std::size_t src_left = pending_.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    std::size_t rc = iconv(static_cast<iconv_t>(iconv_.get()), &src, &src_left, &dst, &dst_left);
    // EINVAL: a character cut off by the end of the piece, completed by the next one.
    if (rc == static_cast<std::size_t>(-1) && (errno != EINVAL || n == 0)) BadEncoding(path_);
    out.resize(out.size() - dst_left);
    buf_.append(out);
    pending_.erase(0, pending_.size() - src_left);
    return !out.empty() || n > 0;
  }

  bool Get(char& c) {
    if (pos_ == buf_.size() && !Fill()) return false;
    if (pos_ == buf_.size()) return Get(c);
    c = buf_[pos_++];
    return true;
  }
  bool Peek(char& c) {
    if (pos_ == buf_.size() && !Fill()) return false;
    if (pos_ == buf_.size()) return Peek(c);
    c = buf_[pos_];
    return true;
  }

  void EndField(std::vector<std::string>& record, std::string& field) {
    if (record.size() >= limits_.max_columns) {
      TooLarge(path_, "最多 " + std::to_string(limits_.max_columns) + " 列");
    }
    UnguardFormula(field);
    record.push_back(std::move(field));
    field.clear();
  }

  // One record into `record`; false at the end of the file.
  bool Record(std::vector<std::string>& record) {
    record.clear();
    if (at_end_) return false;
    std::string field;
    bool in_quotes = false;
    bool field_started = false;
    char c = 0;
    for (;;) {
      if (!Get(c)) {
        at_end_ = true;
        if (in_quotes) {
          throw domain::InvalidInput("csv.invalid", "不是有效的 CSV 文件（引号未闭合）：" + path_);
        }
        if (field_started || !field.empty() || !record.empty()) {
          EndField(record, field);
          return true;
        }
        return false;
      }
      if (in_quotes) {
        if (c == '"') {
          char next = 0;
          if (Peek(next) && next == '"') {
            field.push_back('"');
            ++pos_;
          } else {
            in_quotes = false;
          }
        } else {
          field.push_back(c);
        }
      } else if (c == '"' && !field_started) {
        in_quotes = true;
        field_started = true;
      } else if (c == ',') {
        EndField(record, field);
        field_started = false;
      } else if (c == '\r' || c == '\n') {
        char next = 0;
        if (c == '\r' && Peek(next) && next == '\n') ++pos_;
        EndField(record, field);
        return true;
      } else {
        field.push_back(c);
        field_started = true;
      }
    }
  }

  std::string path_;
  TableLimits limits_;
  std::ifstream in_;
  std::unique_ptr<void, IconvCloser> iconv_;
  std::string raw_;
  std::string pending_;  // Undecoded bytes (GB 18030 only).
  std::string buf_;
  std::size_t pos_ = 0;
  std::size_t size_ = 0;
  std::size_t consumed_ = 0;
  std::size_t cells_ = 0;
  bool at_end_ = false;
};

}  // namespace

std::unique_ptr<RowReader> OpenCsv(const std::string& path, const TableLimits& limits) {
  return std::make_unique<CsvRowReader>(path, limits);
}

Table ReadCsv(const std::string& path, const TableLimits& limits) {
  CsvRowReader reader(path, limits);
  Table table;
  table.header = reader.header();
  std::vector<std::string> row;
  while (reader.Next(row)) table.rows.push_back(row);
  while (!table.rows.empty() && IsBlank(table.rows.back())) table.rows.pop_back();
  return table;
}

void WriteCsv(const std::string& path, const Table& table) {
  std::string out(kBom);
  AppendRow(out, table.header);
  for (const auto& row : table.rows) AppendRow(out, row);
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) throw domain::StorageError("file.unwritable", "文件无法写入：" + path);
  file.write(out.data(), static_cast<std::streamsize>(out.size()));
  file.close();
  if (!file) throw domain::StorageError("file.unwritable", "文件无法写入：" + path);
}

}  // namespace minqing::formats
