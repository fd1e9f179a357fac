#include "effect.hpp"

namespace siren {

std::string_view kind_of(const effect& e) {
    static constexpr std::string_view kinds[] = {
        "create_channel",   "invite_users",         "set_topic",
        "post_message",     "update_message",       "notify_user",
        "archive_channel",  "set_group_members",    "page_user",
        "acknowledge_page", "resolve_page",         "post_file",
        "write_file",       "create_tracker_issue", "update_tracker_issue",
        "add_bookmark",     "mirror_status"};
    static_assert(std::size(kinds) == std::variant_size_v<effect>);
    return kinds[e.index()];
}

bool is_paging(const effect& e) {
    return std::holds_alternative<page_user>(e) || std::holds_alternative<acknowledge_page>(e) ||
           std::holds_alternative<resolve_page>(e);
}

bool is_tracking(const effect& e) {
    return std::holds_alternative<create_tracker_issue>(e) ||
           std::holds_alternative<update_tracker_issue>(e);
}

bool is_mirroring_status(const effect& e) {
    return std::holds_alternative<mirror_status>(e);
}

std::vector<button> page_buttons(std::string_view dedup_key) {
    std::string key(dedup_key);
    return {{.label = "Acknowledge", .command = "/119 ack " + key, .style = "primary"},
            {.label = "Escalate", .command = "/119 escalate " + key, .style = "danger"}};
}

} // namespace siren
