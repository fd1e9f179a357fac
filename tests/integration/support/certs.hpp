#pragma once
// The throw-away certificates that CMake makes with make_test_certs.sh at build time:
// ca.pem (the test CA), localhost.{pem,key} (for localhost and 127.0.0.1) and other.{pem,key}
// (for other.invalid, signed by the same CA).

#include <string>
#include <string_view>

namespace siren::test {

inline std::string cert_file(std::string_view name) {
    return std::string(SIREN_TEST_CERTS) + "/" + std::string(name);
}

} // namespace siren::test
