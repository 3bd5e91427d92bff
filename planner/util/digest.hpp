#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Hashes and secrets (OpenSSL's libcrypto inside): the one place that sees it.
namespace rplan::util {

// The SHA-256 of the bytes, as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

// `bytes` bytes from the operating system's cryptographic random source, as
// 2 * bytes lower-case hex digits. Throws rplan::Error when none can be had.
std::string random_hex(std::size_t bytes);

// Whether a and b hold the same bytes, in a time that depends only on their
// sizes (not on where they first differ): for comparing secrets.
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace rplan::util
