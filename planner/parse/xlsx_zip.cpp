// The workbook's zip archive, read from memory with minizip.

#include <minizip/unzip.h>

#include <algorithm>
#include <cstring>

#include "planner/parse/xlsx_internal.hpp"

namespace rplan::parse::xlsx::detail {

namespace {

// Entry names longer than this are refused: no part name comes near it, and
// minizip copies a name into a buffer we size.
constexpr uLong k_max_name = 1024;

std::string fold_ascii(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

// minizip's file functions over the bytes in memory: read and seek only.
struct ZipArchive::Memory {
  std::string_view bytes;
  std::uint64_t position = 0;

  static voidpf open(voidpf opaque, const void*, int mode) {
    if ((mode & ZLIB_FILEFUNC_MODE_READWRITEFILTER) != ZLIB_FILEFUNC_MODE_READ) return nullptr;
    static_cast<Memory*>(opaque)->position = 0;
    return opaque;
  }
  static uLong read(voidpf, voidpf stream, void* buffer, uLong size) {
    auto* m = static_cast<Memory*>(stream);
    if (m->position >= m->bytes.size()) return 0;
    const auto n = static_cast<uLong>(std::min<std::uint64_t>(size, m->bytes.size() - m->position));
    std::memcpy(buffer, m->bytes.data() + m->position, n);
    m->position += n;
    return n;
  }
  static uLong write(voidpf, voidpf, const void*, uLong) { return 0; }
  static ZPOS64_T tell(voidpf, voidpf stream) { return static_cast<Memory*>(stream)->position; }
  static long seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
    auto* m = static_cast<Memory*>(stream);
    std::uint64_t base = 0;
    switch (origin) {
      case ZLIB_FILEFUNC_SEEK_SET:
        base = 0;
        break;
      case ZLIB_FILEFUNC_SEEK_CUR:
        base = m->position;
        break;
      case ZLIB_FILEFUNC_SEEK_END:
        base = m->bytes.size();
        break;
      default:
        return -1;
    }
    if (offset > m->bytes.size() || base > m->bytes.size() - offset) return -1;
    m->position = base + offset;
    return 0;
  }
  static int close(voidpf, voidpf) { return 0; }
  static int error(voidpf, voidpf) { return 0; }
};

ZipArchive::ZipArchive(std::string_view bytes, const ReadLimits& limits, Problems& problems)
    : m_limits(limits), m_problems(problems), m_memory(std::make_unique<Memory>()) {
  if (bytes.empty()) problems.fatal("not an Excel workbook (.xlsx): the file is empty");
  if (bytes.size() > limits.max_file_bytes) {
    problems.fatal("the file is larger than the limit of " + format_bytes(limits.max_file_bytes));
  }
  m_memory->bytes = bytes;
  zlib_filefunc64_def functions{};
  functions.zopen64_file = &Memory::open;
  functions.zread_file = &Memory::read;
  functions.zwrite_file = &Memory::write;
  functions.ztell64_file = &Memory::tell;
  functions.zseek64_file = &Memory::seek;
  functions.zclose_file = &Memory::close;
  functions.zerror_file = &Memory::error;
  functions.opaque = m_memory.get();
  m_owner.reset(unzOpen2_64("workbook", &functions));
  m_zip = m_owner.get();
  if (m_zip == nullptr) {
    if (bytes.substr(0, 4) == "\xD0\xCF\x11\xE0") {
      problems.fatal(
          "not an Excel workbook (.xlsx): this is an older .xls file or a workbook with a "
          "password; save it from Excel or LibreOffice as .xlsx without a password");
    }
    if (bytes.substr(0, 2) == "PK") {
      problems.fatal("a damaged or truncated zip archive (an .xlsx file is a zip archive)");
    }
    problems.fatal("not an Excel workbook (.xlsx): not a zip archive");
  }
  unz_global_info64 info{};
  if (unzGetGlobalInfo64(m_zip, &info) != UNZ_OK) {
    problems.fatal("a damaged zip archive: its central directory cannot be read");
  }
  if (info.number_entry > limits.max_entries) {
    problems.fatal("the zip archive has " + format_count(info.number_entry) +
                   " entries, more than the limit of " + format_count(limits.max_entries));
  }
  int status = unzGoToFirstFile(m_zip);
  while (status == UNZ_OK) {
    if (m_entries.size() >= limits.max_entries) {
      problems.fatal("the zip archive has more entries than the limit of " +
                     format_count(limits.max_entries));
    }
    unz_file_info64 file{};
    if (unzGetCurrentFileInfo64(m_zip, &file, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) break;
    if (file.size_filename > k_max_name) {
      problems.fatal("a zip entry's name is longer than " + std::to_string(k_max_name) + " bytes");
    }
    std::string name(file.size_filename, '\0');
    if (unzGetCurrentFileInfo64(m_zip, &file, name.data(), file.size_filename, nullptr, 0, nullptr,
                                0) != UNZ_OK) {
      break;
    }
    unz64_file_pos position{};
    if (unzGetFilePos64(m_zip, &position) != UNZ_OK) break;
    if (!m_entries.emplace(name, Position{position.pos_in_zip_directory, position.num_of_file})
             .second) {
      problems.fatal("the zip archive has two entries named " + clip(name));
    }
    m_folded.emplace(fold_ascii(name), name);  // the first of names that differ in case
    status = unzGoToNextFile(m_zip);
  }
  if (status != UNZ_END_OF_LIST_OF_FILE) {
    problems.fatal("a damaged zip archive: its central directory cannot be read");
  }
}

void ZipArchive::Closer::operator()(void* zip) const {
  unzClose(zip);  // closes the open entry first
}

ZipArchive::~ZipArchive() = default;

std::optional<std::string> ZipArchive::find(std::string_view name) const {
  if (const auto it = m_entries.find(name); it != m_entries.end()) return it->first;
  if (const auto it = m_folded.find(fold_ascii(name)); it != m_folded.end()) return it->second;
  return std::nullopt;
}

void ZipArchive::close_entry() {
  if (m_entry_open) unzCloseCurrentFile(m_zip);
  m_entry_open = false;
}

void ZipArchive::open(const std::string& name) {
  close_entry();
  const auto it = m_entries.find(name);
  if (it == m_entries.end()) m_problems.fatal("the workbook has no part " + clip(name));
  unz64_file_pos position{it->second.directory_offset, it->second.file_number};
  unz_file_info64 file{};
  if (unzGoToFilePos64(m_zip, &position) != UNZ_OK ||
      unzGetCurrentFileInfo64(m_zip, &file, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
    m_problems.fatal("a damaged zip archive: entry " + clip(name) + " cannot be read");
  }
  if (file.flag & 1u) {
    m_problems.fatal("part " + clip(name) +
                     " is encrypted; save the workbook as .xlsx without a password");
  }
  if (file.compression_method != 0 && file.compression_method != Z_DEFLATED) {
    m_problems.fatal("part " + clip(name) + " is compressed with zip method " +
                     std::to_string(file.compression_method) +
                     ", which cannot be read (only stored and deflated)");
  }
  if (file.uncompressed_size > m_limits.max_part_bytes) {
    m_problems.fatal("part " + clip(name) + " unpacks to " + format_bytes(file.uncompressed_size) +
                     ", more than the limit of " + format_bytes(m_limits.max_part_bytes));
  }
  if (unzOpenCurrentFile(m_zip) != UNZ_OK) {
    m_problems.fatal("a damaged zip archive: entry " + clip(name) + " cannot be read");
  }
  m_entry_open = true;
  m_open = name;
  m_part_read = 0;
  m_declared = file.uncompressed_size;
}

std::size_t ZipArchive::read(char* buffer, std::size_t size) {
  if (!m_entry_open) return 0;
  // Ask for one byte past each limit: getting it proves the limit passed,
  // whatever the entry declared, and inflating goes no further.
  const std::uint64_t part_room = m_limits.max_part_bytes - m_part_read + 1;
  const std::uint64_t total_room =
      m_limits.max_total_bytes - std::min(m_total_read, m_limits.max_total_bytes) + 1;
  const auto ask =
      static_cast<unsigned>(std::min<std::uint64_t>({size, part_room, total_room, 1u << 30}));
  const int got = unzReadCurrentFile(m_zip, buffer, ask);
  if (got < 0) {
    close_entry();
    m_problems.fatal("a damaged zip archive: the data of " + clip(m_open) +
                     " cannot be unpacked (zip error " + std::to_string(got) + ")");
  }
  m_part_read += static_cast<std::uint64_t>(got);
  m_total_read += static_cast<std::uint64_t>(got);
  if (m_part_read > m_limits.max_part_bytes) {
    close_entry();
    m_problems.fatal("part " + clip(m_open) + " unpacks to more than the limit of " +
                     format_bytes(m_limits.max_part_bytes) + " (a zip bomb?)");
  }
  if (m_total_read > m_limits.max_total_bytes) {
    close_entry();
    m_problems.fatal("the parts read unpack to more than the limit of " +
                     format_bytes(m_limits.max_total_bytes) + " (a zip bomb?)");
  }
  if (got == 0) {
    m_entry_open = false;
    // minizip checks the CRC only of an entry that gave all the bytes it
    // declared; one that gave fewer is damaged too.
    if (unzCloseCurrentFile(m_zip) != UNZ_OK || m_part_read != m_declared) {
      m_problems.fatal("a damaged zip archive: the data of " + clip(m_open) +
                       " does not match its size or checksum");
    }
  }
  return static_cast<std::size_t>(got);
}

}  // namespace rplan::parse::xlsx::detail
