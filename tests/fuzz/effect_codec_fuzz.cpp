// libFuzzer target for the outbox's effect decoder: any bytes must give an effect or an error,
// never a crash or an exception, and whatever decodes must encode to text that decodes to the
// same encoding again (the outbox round trip is stable).

#include "store/effect_codec.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto decoded = siren::store::decode_effect(text);
    if (!decoded) {
        if (decoded.error().empty())
            std::abort(); // an error must say what is wrong
        return 0;
    }
    std::string encoded = siren::store::encode_effect(*decoded);
    auto again = siren::store::decode_effect(encoded);
    if (!again || siren::store::encode_effect(*again) != encoded)
        std::abort();
    return 0;
}
