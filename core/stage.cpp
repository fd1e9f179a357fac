#include "stage.hpp"

#include <string>

namespace siren {

std::string_view to_string(stage s) {
    static constexpr std::string_view names[] = {"declared",   "investigating", "identified",
                                                 "monitoring", "resolved",      "closed"};
    return names[static_cast<int>(s)];
}

std::optional<stage> parse_stage(std::string_view text) {
    for (stage s : all_stages)
        if (to_string(s) == text)
            return s;
    return std::nullopt;
}

bool is_open(stage s) {
    return s != stage::resolved && s != stage::closed;
}

outcome<> check_transition(stage from, stage to) {
    using std::string;
    if (from == to)
        return refuse("the incident is already " + string(to_string(to)));
    if (from == stage::closed)
        return refuse("the incident is closed; reopen it first");
    if (from == stage::resolved) {
        if (to == stage::closed)
            return {};
        return refuse("the incident is resolved; reopen it to move it back to " +
                      string(to_string(to)));
    }
    if (to == stage::declared)
        return refuse("an incident cannot go back to declared");
    if (to == stage::closed)
        return refuse("resolve the incident before closing it");
    // Among the working stages any move is allowed: a cause thought identified can turn out
    // wrong, and monitoring can show the problem is back.
    return {};
}

outcome<> check_reopen(stage from) {
    if (is_open(from))
        return refuse("the incident is still open (" + std::string(to_string(from)) + ")");
    return {};
}

} // namespace siren
