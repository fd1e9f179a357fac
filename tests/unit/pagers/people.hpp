#pragma once
// The people the pager tests page, and a person_lookup over them.

#include "adapters/pagers/person_lookup.hpp"

#include <vector>

namespace siren::testing {

inline const std::vector<person>& pager_people() {
    static const std::vector<person> people = {
        {.handle = "alice",
         .name = "Alice Example",
         .slack_id = "U024BE7LH",
         .email = "alice@example.com",
         .time_zone = "Europe/Berlin"},
        {.handle = "bob", .name = "", .slack_id = "U0B0B", .email = "", .time_zone = ""},
    };
    return people;
}

// Finds a person by Slack id or handle, as the composition root's lookup does.
inline pagers::person_lookup pager_people_lookup() {
    return [](std::string_view user) -> const person* {
        for (const auto& p : pager_people())
            if (p.slack_id == user || p.handle == user)
                return &p;
        return nullptr;
    };
}

} // namespace siren::testing
