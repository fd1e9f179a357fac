#include "effect.hpp"

namespace siren {

std::string_view kind_of(const effect& e) {
    static constexpr std::string_view kinds[] = {"create_channel", "invite_users",   "set_topic",
                                                 "post_message",   "update_message", "notify_user",
                                                 "page_user",      "resolve_page"};
    static_assert(std::size(kinds) == std::variant_size_v<effect>);
    return kinds[e.index()];
}

} // namespace siren
