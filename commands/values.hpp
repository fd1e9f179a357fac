#pragma once
// What people type for siren's values (severities, services, rotations, people, stages, public
// statuses, numbers, titles and free text), checked against the configuration and the
// directory. Each refusal is one sentence worded for the person, with the likely meant value.

#include "core/form.hpp"
#include "core/incident_view.hpp"
#include "core/outcome.hpp"
#include "core/settings.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace siren::commands {

inline constexpr std::size_t max_title_characters = 150;
inline constexpr std::size_t max_text_characters = 3000;

template <class T>
outcome<T> refusal(std::string why) {
    return outcome<T>(boost::system::in_place_error, std::move(why));
}

// Needed where the value is a string too, which makes plain conversion ambiguous.
template <class T>
outcome<T> accepted(T value) {
    return outcome<T>(boost::system::in_place_value, std::move(value));
}

// "S1", "s1" or a configured alias such as "P2"; a form's choice ("S1 (P1)") by its first word.
outcome<severity> severity_named(std::string_view typed, const settings& config);
// The choices a form offers for a severity, aliases shown: "S1 (P1)".
std::vector<std::string> severity_choices(const settings& config);
std::string severity_choice(severity s, const settings& config);
outcome<const service_settings*> service_named(std::string_view typed, const settings& config);
// "imoc,cmoc": configured rotations, without repeats.
outcome<std::vector<std::string>> rotations_named(std::string_view comma_list,
                                                  const settings& config);
// "@alice", "<@U123>", "<@U123|alice>", a bare id the directory knows, or "me".
outcome<user_id> person_named(std::string_view typed, const user_id& me, const directory& people);
outcome<stage> stage_named(std::string_view typed);
outcome<public_status> status_named(std::string_view typed);
// A whole positive number; `what` names it in the refusal ("a report number").
outcome<std::int64_t> number_named(std::string_view typed, std::string_view what);

// A title: trimmed, required, one line, at most max_title_characters.
outcome<std::string> title_from(std::string_view typed);
// Free text (a note, a summary, a reason): trimmed, line breaks allowed, at most
// max_text_characters; `what` names it in the refusal ("The note"). Empty is allowed: callers
// decide whether it is required.
outcome<std::string> text_from(std::string_view typed, std::string_view what);

// The problems found in one command's arguments, so that the reply lists them all at once.
// Given the command's form, each problem names the field it is about.
class problems {
public:
    explicit problems(const form* fields = nullptr)
        : fields_(fields) {}

    // `field` is a form field's key; it is named only when the answers came from the form.
    void add(std::string_view field, std::string message);
    bool empty() const { return list_.empty(); }
    // The one problem, or `headline` followed by every problem as a bullet.
    std::string text(std::string_view headline) const;

private:
    const form* fields_;
    std::vector<std::string> list_;
};

// A checkbox answer of a form: "true", "yes", "on", "1".
bool is_checked(std::string_view answer);

} // namespace siren::commands
