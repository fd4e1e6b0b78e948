#include "shell/csv_reader.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace fluxdb::shell {

StatusOr<std::vector<CsvRecord>> ParseCsv(std::string_view text, char delimiter) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRecord> records;
  CsvRecord record;
  CsvField field;
  size_t line = 1;
  size_t i = 0;
  const size_t n = text.size();
  auto end_field = [&] {
    record.push_back(std::move(field));
    field = CsvField();
  };
  auto end_record = [&] {
    end_field();
    records.push_back(std::move(record));
    record.clear();
  };
  while (i < n) {
    char c = text[i];
    if (c == '"' && field.text.empty() && !field.quoted) {
      field.quoted = true;
      size_t start_line = line;
      i++;
      for (;;) {
        if (i >= n) {
          return InvalidInputError("unterminated quoted field starting on line ", start_line);
        }
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field.text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (text[i] == '\n') line++;
        field.text += text[i++];
      }
      // Only a delimiter or a line break may follow the closing quote.
      if (i < n && text[i] != delimiter && text[i] != '\n' && text[i] != '\r') {
        return InvalidInputError("line ", line, ": unexpected character after a closing quote");
      }
      continue;
    }
    if (c == delimiter) {
      end_field();
      i++;
    } else if (c == '\r' && i + 1 < n && text[i + 1] == '\n') {
      end_record();
      i += 2;
      line++;
    } else if (c == '\n') {
      end_record();
      i++;
      line++;
    } else {
      field.text += c;
      i++;
    }
  }
  if (!record.empty() || !field.text.empty() || field.quoted) end_record();
  return records;
}

char SniffDelimiter(std::string_view text) {
  std::string_view first = text.substr(0, text.find('\n'));
  if (first.find(',') != std::string_view::npos) return ',';
  for (char candidate : {'\t', ';', '|'}) {
    if (first.find(candidate) != std::string_view::npos) return candidate;
  }
  return ',';
}

StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IOError("cannot open \"", path, "\": ", std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace fluxdb::shell
