#include "commands/values.hpp"

#include "commands/text.hpp"
#include "core/mention.hpp"

#include <algorithm>
#include <charconv>

namespace siren::commands {

namespace {

std::string with_suggestion(std::string reply, std::string_view typed,
                            const std::vector<std::string_view>& candidates) {
    if (auto guess = closest(typed, candidates))
        return reply + " Did you mean `" + *guess + "`?";
    return reply + " Use " + one_of(candidates) + ".";
}

outcome<std::string> checked_text(std::string_view typed, std::string_view what,
                                  std::size_t max_characters, bool one_line) {
    std::string_view text = trim(typed);
    if (!is_valid_utf8(text))
        return refusal<std::string>(std::string(what) + " is not valid UTF-8 text. Retype it.");
    if (auto c = find_control(text, !one_line))
        return refusal<std::string>(std::string(what) + " contains a control character (" +
                                    code_point(*c) + ")" +
                                    (one_line ? "; it must be one line." : ". Remove it."));
    if (std::size_t n = count_characters(text); n > max_characters)
        return refusal<std::string>(std::string(what) + " is " + std::to_string(n) +
                                    " characters long; the limit is " +
                                    std::to_string(max_characters) + ". Shorten it.");
    return accepted(neutralize_mentions(text));
}

} // namespace

outcome<severity> severity_named(std::string_view typed, const settings& config) {
    typed = trim(typed);
    if (auto s = config.find_severity(typed.substr(0, typed.find(' '))))
        return *s;
    std::vector<std::string_view> names;
    for (severity s : all_severities)
        names.push_back(to_string(s));
    for (const auto& p : config.severities)
        for (const auto& alias : p.aliases)
            names.push_back(alias);
    // No "did you mean": one slip away from S9 is S0, the worst severity.
    return refusal<severity>("Unknown severity " + code(typed) + " (S0 is the worst). Use " +
                             one_of(names) + ".");
}

std::string severity_choice(severity s, const settings& config) {
    std::string choice(to_string(s));
    const auto& aliases = config.policy(s).aliases;
    for (std::size_t k = 0; k < aliases.size(); ++k)
        choice.append(k == 0 ? " (" : ", ").append(aliases[k]);
    return aliases.empty() ? choice : choice + ")";
}

std::vector<std::string> severity_choices(const settings& config) {
    std::vector<std::string> choices;
    for (severity s : all_severities)
        choices.push_back(severity_choice(s, config));
    return choices;
}

outcome<const service_settings*> service_named(std::string_view typed, const settings& config) {
    if (const auto* service = config.find_service(typed))
        return service;
    if (config.services.empty())
        return refusal<const service_settings*>("No services are configured, so " + code(typed) +
                                                " is not one. Leave out --service.");
    std::vector<std::string_view> names;
    for (const auto& s : config.services)
        names.push_back(s.name);
    return refusal<const service_settings*>(
        with_suggestion("Unknown service " + code(typed) + ".", typed, names));
}

outcome<std::vector<std::string>> rotations_named(std::string_view comma_list,
                                                  const settings& config) {
    std::vector<std::string_view> names;
    for (const auto& r : config.rotations)
        names.push_back(r.name);
    std::vector<std::string> found;
    while (!comma_list.empty()) {
        auto comma = comma_list.find(',');
        std::string_view name = trim(comma_list.substr(0, comma));
        comma_list = comma == std::string_view::npos ? "" : comma_list.substr(comma + 1);
        if (name.empty())
            continue;
        if (!config.find_rotation(name))
            return refusal<std::vector<std::string>>(
                with_suggestion("Unknown rotation " + code(name) + ".", name, names));
        if (std::find(found.begin(), found.end(), name) == found.end())
            found.emplace_back(name);
    }
    if (found.empty())
        return refusal<std::vector<std::string>>("Name the rotations to page, e.g. " +
                                                 one_of(names) + ".");
    return found;
}

outcome<user_id> person_named(std::string_view typed, const user_id& me, const directory& people) {
    std::string_view bare = trim(typed);
    if (lower_ascii(bare) == "me")
        return accepted(me);
    std::optional<std::string> id = parse_user_ref(bare);
    if (!id && people.knows(bare))
        id = std::string(bare);
    if (!id)
        return refusal<user_id>(code(bare) + " is not a person. Write @name.");
    if (!people.knows(*id))
        return refusal<user_id>("I don't know @" + shorten(*id, 40) + ".");
    return accepted(std::move(*id));
}

outcome<stage> stage_named(std::string_view typed) {
    if (auto s = parse_stage(lower_ascii(trim(typed))))
        return *s;
    std::vector<std::string_view> names;
    for (stage s : all_stages)
        if (s != stage::declared)
            names.push_back(to_string(s));
    return refusal<stage>(with_suggestion("Unknown stage " + code(typed) + ".", typed, names));
}

outcome<public_status> status_named(std::string_view typed) {
    if (auto s = parse_public_status(trim(typed)))
        return *s;
    std::vector<std::string_view> names;
    for (public_status s : all_public_statuses)
        names.push_back(to_key(s));
    return refusal<public_status>(
        with_suggestion("Unknown status " + code(typed) + ".", typed, names));
}

outcome<std::int64_t> number_named(std::string_view typed, std::string_view what) {
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(typed.data(), typed.data() + typed.size(), n);
    if (typed.empty() || ec != std::errc{} || end != typed.data() + typed.size() || n <= 0)
        return refusal<std::int64_t>(code(typed) + " is not " + std::string(what) +
                                     ": write a number such as 2.");
    return n;
}

outcome<std::string> title_from(std::string_view typed) {
    auto title = checked_text(typed, "The title", max_title_characters, true);
    if (title && title->empty())
        return refusal<std::string>("A title is required: say in a few words what is wrong.");
    return title;
}

outcome<std::string> text_from(std::string_view typed, std::string_view what) {
    return checked_text(typed, what, max_text_characters, false);
}

void problems::add(std::string_view field, std::string message) {
    if (fields_)
        for (const auto& f : fields_->fields)
            if (f.key == field)
                message = "*" + f.label + "*: " + message;
    list_.push_back(std::move(message));
}

std::string problems::text(std::string_view headline) const {
    if (list_.size() == 1)
        return list_.front();
    std::string text(headline);
    for (const auto& p : list_)
        text += "\n• " + p;
    return text;
}

bool is_checked(std::string_view answer) {
    std::string a = lower_ascii(trim(answer));
    return a == "true" || a == "yes" || a == "on" || a == "1";
}

} // namespace siren::commands
