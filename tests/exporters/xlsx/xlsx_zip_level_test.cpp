// The workbook's compression (exporters/xlsx_zip_level.cpp, where the
// configure step proved it): libxlsxwriter's calls are passed on to the very
// function it links against, and every part comes out at the level this
// build chose (zlib's fastest with the override, libxlsxwriter's default
// without it), read from the zip's own flags.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "exporters/xlsx_writer.hpp"
#include "exporters/xlsx_zip_level.hpp"
#include "tests/exporters/xlsx/xlsx_fixtures.hpp"

namespace rplan::exporters {
namespace {

namespace fs = std::filesystem;

std::uint32_t le(const std::vector<unsigned char>& b, std::size_t at, int bytes) {
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | b.at(at + static_cast<std::size_t>(i));
  return v;
}

// Each part's compression method and general-purpose flags, from the zip's
// central directory.
std::map<std::string, std::pair<std::uint32_t, std::uint32_t>> parts(const fs::path& zip_file) {
  std::ifstream in(zip_file, std::ios::binary);
  const std::vector<unsigned char> zip{std::istreambuf_iterator<char>(in), {}};
  std::size_t end = zip.size() - 22;
  while (le(zip, end, 4) != 0x06054b50) --end;
  std::map<std::string, std::pair<std::uint32_t, std::uint32_t>> out;
  std::size_t at = le(zip, end + 16, 4);
  for (std::uint32_t i = 0; i < le(zip, end + 10, 2); ++i) {
    EXPECT_EQ(le(zip, at, 4), 0x02014b50u);
    const std::size_t name_length = le(zip, at + 28, 2);
    const std::string name(zip.begin() + static_cast<long>(at + 46),
                           zip.begin() + static_cast<long>(at + 46 + name_length));
    out[name] = {le(zip, at + 10, 2), le(zip, at + 8, 2)};
    at += 46 + name_length + le(zip, at + 30, 2) + le(zip, at + 32, 2);
  }
  return out;
}

TEST(XlsxZipLevelTest, EveryPartIsDeflatedAtTheLevelThisBuildChose) {
  const fs::path out =
      fs::temp_directory_path() / ("rplan-zip-level-" + std::to_string(::getpid()) + ".xlsx");
  write_xlsx(xlsx::testing::sample_project(), out);
  const auto found = parts(out);
  fs::remove(out);
  ASSERT_GT(found.size(), 5u);
#if RPLAN_XLSX_FAST_DEFLATE
  const std::uint32_t level_bits = 3;  // minizip's "super fast": level 1
#else
  const std::uint32_t level_bits = 0;  // "normal": libxlsxwriter's default level
#endif
  for (const auto& [name, part] : found) {
    EXPECT_EQ(part.first, 8u) << name << " is not deflated";
    EXPECT_EQ((part.second >> 1) & 3, level_bits) << name << ": flags " << part.second;
  }
}

#if RPLAN_XLSX_FAST_DEFLATE
// Why the override can never fail a workbook: the function it calls is the
// one libxlsxwriter's call reaches when no override is there. The dynamic
// linker's next definition after this program (RTLD_NEXT) and the one among
// libxlsxwriter's own dependencies must be one and the same, and not the
// override.
TEST(XlsxZipLevelTest, CallsArePassedOnToTheFunctionLibxlsxwriterLinksAgainst) {
  const xlsx_zip_level::Forwarding f = xlsx_zip_level::forwarding();
  ASSERT_NE(f.self, nullptr);
  ASSERT_NE(f.dependency, nullptr) << "libxlsxwriter's dependencies hold no minizip";
  EXPECT_NE(f.dependency, f.self);
  EXPECT_EQ(f.next, f.dependency);
  EXPECT_EQ(f.used, f.dependency);
}
#endif

}  // namespace
}  // namespace rplan::exporters
