#include "adapters/net/error.hpp"

#include <string>

namespace siren::net {

namespace {

// Boost's error_category has a protected non-virtual destructor by design (categories are never
// deleted through it), which -Wnon-virtual-dtor cannot tell.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
class category final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "siren.net"; }

    std::string message(int value) const override {
        switch (static_cast<errc>(value)) {
        case errc::unsupported_scheme:
            return "URL scheme must be http://, https://, ws:// or wss://";
        case errc::missing_host:
            return "URL has no host";
        case errc::invalid_port:
            return "URL port must be a number from 1 to 65535";
        case errc::invalid_url:
            return "URL is malformed (spaces, control characters, user info or a bad IPv6 "
                   "literal)";
        case errc::invalid_request:
            return "HTTP method or header contains characters that cannot be sent";
        }
        return "unknown siren.net error";
    }
};
#pragma GCC diagnostic pop

} // namespace

const boost::system::error_category& net_category() noexcept {
    static const category instance;
    return instance;
}

} // namespace siren::net
