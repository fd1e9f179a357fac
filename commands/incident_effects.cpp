#include "commands/incident_effects.hpp"

#include "commands/render.hpp"
#include "core/mention.hpp"

#include <algorithm>

namespace siren::commands {

namespace {
constexpr std::string_view dedup_marker = " dedup ";
} // namespace

std::string page_dedup_key(incident_id id, std::string_view target) {
    // Targets such as "eoc:secondary" and "@dana" become "eoc-secondary" and "dana": the key
    // travels in URLs (Opsgenie aliases) and is typed back in `/119 ack`.
    std::string key = "siren-" + std::to_string(id) + "-";
    for (char c : target)
        if (c != '@')
            key += c == ':' ? '-' : c;
    return key;
}

std::string report_dedup_key(report_id id) {
    return "siren-report-" + std::to_string(id);
}

std::string page_entry_text(const user_id& paged, std::string_view rotation,
                            std::string_view dedup_key) {
    return "paged " + mention(paged) + " (" + std::string(rotation) + ")" +
           std::string(dedup_marker) + std::string(dedup_key);
}

std::vector<std::string> paged_dedup_keys(const std::vector<timeline_entry>& timeline) {
    std::vector<std::string> keys;
    for (const auto& e : timeline) {
        auto at = e.text.rfind(dedup_marker);
        if (e.kind != entry_kind::page || at == std::string::npos)
            continue;
        std::string key = e.text.substr(at + dedup_marker.size());
        key = key.substr(0, key.find(' '));
        if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end())
            keys.push_back(std::move(key));
    }
    return keys;
}

std::vector<button> intro_buttons(const incident& i) {
    if (!is_open(i))
        return {};
    std::vector<button> buttons = {{.label = "Take IC", .command = "/119 update ic=me"}};
    for (role r : {role::tl, role::cl, role::em})
        if (!is_filled(i, r))
            buttons.push_back({.label = "Join as " + std::string(to_string(r)),
                               .command = "/119 update " + std::string(to_key(r)) + "=me"});
    buttons.push_back({.label = "Resolve", .command = "/119 resolve", .style = "danger"});
    return buttons;
}

effect post_intro(const incident& i, const settings& config) {
    return post_message{.channel = i.channel_name,
                        .text = render::intro(i, config),
                        .key = std::string(intro_key),
                        .pin = true,
                        .buttons = intro_buttons(i)};
}

std::vector<effect> bookmarks(const incident& i, const settings& config) {
    std::vector<effect> out;
    auto add = [&](std::string title, const std::string& link) {
        if (!link.empty())
            out.push_back(add_bookmark{i.channel_name, std::move(title), link});
    };
    add("Bridge", config.policy(i.level).bridge);
    if (const service_settings* service = config.find_service(i.service)) {
        add("Runbook", service->runbook);
        for (const auto& [title, link] : service->links)
            add(title, link);
    }
    return out;
}

effect edit_intro(const incident& i, const settings& config) {
    return update_message{.channel = i.channel_name,
                          .key = std::string(intro_key),
                          .text = render::intro(i, config),
                          .buttons = intro_buttons(i)};
}

effect change_topic(const incident& i) {
    return set_topic{i.channel_name, render::topic(i)};
}

effect post_in_channel(const incident& i, std::string text) {
    return post_message{i.channel_name, std::move(text), "", false};
}

std::optional<effect> tell_duties(const incident& i, role r, const user_id& holder,
                                  const settings& config) {
    std::string_view duties = config.duties(r);
    if (duties.empty() || holder.empty())
        return std::nullopt;
    return notify_user{holder, render::duties(i, r, duties)};
}

bool is_announced(const incident& i, const settings& config) {
    return config.policy(i.level).announce && !i.security && !i.near_miss &&
           !config.workspace.announce_channel.empty();
}

effect announce(const settings& config, std::string text) {
    return post_message{config.workspace.announce_channel, std::move(text), "", false};
}

} // namespace siren::commands
