#pragma once

// Writes zip archives byte by byte (zlib for deflate and CRC-32), so that the
// workbook reader's tests and fuzz target can make any workbook, broken ones
// included: a size that lies, a CRC that does not match, an entry cut short.

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rplan::testing {

struct ZipEntry {
  ZipEntry(std::string name_, std::string data_) : name(std::move(name_)), data(std::move(data_)) {}

  std::string name;
  std::string data;
  bool deflate = true;
  std::optional<std::uint32_t> declared_size;  // what the headers say, if not the truth
  std::optional<std::uint32_t> crc;            // ditto
  std::uint16_t flags = 0;                     // bit 0: encrypted
  std::optional<std::uint16_t> method;         // the method the headers name, if not the truth
};

// Raw deflate (no zlib header), as zip entries hold it.
inline std::string deflate_raw(std::string_view data, int level = Z_BEST_COMPRESSION) {
  z_stream z{};
  if (deflateInit2(&z, level, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (status != Z_STREAM_END) throw std::runtime_error("deflate");
  return out;
}

// A zip archive of `entries`, in order. An entry whose data is already a raw
// deflate stream can be given with `precompressed` (data then is the stream,
// declared_size and crc must be set).
class ZipBuilder {
 public:
  ZipBuilder& add(ZipEntry entry) {
    m_entries.push_back({std::move(entry), false});
    return *this;
  }
  ZipBuilder& add(std::string name, std::string data) {
    return add(ZipEntry{std::move(name), std::move(data)});
  }
  ZipBuilder& add_precompressed(ZipEntry entry) {
    m_entries.push_back({std::move(entry), true});
    return *this;
  }

  std::string bytes() const {
    std::string out;
    std::string directory;
    for (const auto& [entry, precompressed] : m_entries) {
      const std::string stored = precompressed   ? entry.data
                                 : entry.deflate ? deflate_raw(entry.data)
                                                 : entry.data;
      const std::uint16_t method = entry.method.value_or(entry.deflate || precompressed ? 8 : 0);
      const auto crc = entry.crc.value_or(
          static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(entry.data.data()),
                                           static_cast<uInt>(entry.data.size()))));
      const auto size = entry.declared_size.value_or(static_cast<std::uint32_t>(entry.data.size()));
      const auto offset = static_cast<std::uint32_t>(out.size());
      // Local file header.
      put32(out, 0x04034b50);
      put16(out, 20);
      put16(out, entry.flags);
      put16(out, method);
      put16(out, 0);     // time
      put16(out, 0x21);  // 1980-01-01
      put32(out, crc);
      put32(out, static_cast<std::uint32_t>(stored.size()));
      put32(out, size);
      put16(out, static_cast<std::uint16_t>(entry.name.size()));
      put16(out, 0);
      out += entry.name;
      out += stored;
      // Central directory entry.
      put32(directory, 0x02014b50);
      put16(directory, 20);
      put16(directory, 20);
      put16(directory, entry.flags);
      put16(directory, method);
      put16(directory, 0);
      put16(directory, 0x21);
      put32(directory, crc);
      put32(directory, static_cast<std::uint32_t>(stored.size()));
      put32(directory, size);
      put16(directory, static_cast<std::uint16_t>(entry.name.size()));
      put16(directory, 0);  // extra
      put16(directory, 0);  // comment
      put16(directory, 0);  // disk
      put16(directory, 0);  // internal attributes
      put32(directory, 0);  // external attributes
      put32(directory, offset);
      directory += entry.name;
    }
    const auto directory_offset = static_cast<std::uint32_t>(out.size());
    out += directory;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<std::uint16_t>(m_entries.size()));
    put16(out, static_cast<std::uint16_t>(m_entries.size()));
    put32(out, static_cast<std::uint32_t>(directory.size()));
    put32(out, directory_offset);
    put16(out, 0);
    return out;
  }

 private:
  static void put16(std::string& out, std::uint16_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>(v >> 8);
  }
  static void put32(std::string& out, std::uint32_t v) {
    put16(out, static_cast<std::uint16_t>(v & 0xFFFF));
    put16(out, static_cast<std::uint16_t>(v >> 16));
  }

  struct Item {
    ZipEntry entry;
    bool precompressed;
  };
  std::vector<Item> m_entries;
};

}  // namespace rplan::testing
