// The configure step's proof for exporters/xlsx_zip_level.cpp
// (cmake/xlsx_zip_level.cmake): built with that file and linked with
// libxlsxwriter as rplan is, it writes a small workbook to argv[1] and exits
// 0 only when every deflated part in it carries minizip's flags for level 1
// ("super fast", bits 1 and 2 of the general-purpose flags), that is, when
// libxlsxwriter's call reached the override and the override reached minizip.

#include <xlsxwriter.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

std::uint32_t le(const std::vector<unsigned char>& b, std::size_t at, int bytes) {
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | b.at(at + static_cast<std::size_t>(i));
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  lxw_workbook* book = workbook_new(argv[1]);
  if (book == nullptr) return 3;
  lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
  for (lxw_row_t row = 0; row < 200; ++row) {
    worksheet_write_string(sheet, row, 0, "deflated at which level?", nullptr);
    worksheet_write_number(sheet, row, 1, row, nullptr);
  }
  if (const lxw_error e = workbook_close(book); e != LXW_NO_ERROR) {
    std::printf("libxlsxwriter could not write the workbook: %s", lxw_strerror(e));
    return 1;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::vector<unsigned char> zip{std::istreambuf_iterator<char>(in), {}};
  // The end of central directory record, then each central directory entry.
  std::size_t end = zip.size() < 22 ? std::string::npos : zip.size() - 22;
  while (end != std::string::npos && le(zip, end, 4) != 0x06054b50)
    end = end ? end - 1 : std::string::npos;
  if (end == std::string::npos) {
    std::printf("the workbook is not a zip file");
    return 1;
  }
  const std::uint32_t entries = le(zip, end + 10, 2);
  std::size_t at = le(zip, end + 16, 4);
  std::uint32_t deflated = 0;
  for (std::uint32_t i = 0; i < entries; ++i) {
    if (le(zip, at, 4) != 0x02014b50) {
      std::printf("the workbook's central directory is broken");
      return 1;
    }
    const std::uint32_t flags = le(zip, at + 8, 2), method = le(zip, at + 10, 2);
    const std::string name(zip.begin() + static_cast<long>(at + 46),
                           zip.begin() + static_cast<long>(at + 46 + le(zip, at + 28, 2)));
    if (method == 8) {
      ++deflated;
      if (((flags >> 1) & 3) != 3) {
        std::printf("%s was deflated at another level than 1 (flags %#x)", name.c_str(), flags);
        return 1;
      }
    }
    at += 46 + le(zip, at + 28, 2) + le(zip, at + 30, 2) + le(zip, at + 32, 2);
  }
  if (deflated == 0) {
    std::printf("the workbook has no deflated part");
    return 1;
  }
  std::printf("%u parts, every one deflated at level 1", deflated);
  return 0;
}
