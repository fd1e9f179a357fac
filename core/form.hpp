#pragma once
// A form a command asks the person to fill in (a modal in Slack, questions one by one in the
// shell). Its submission comes back as a command whose arguments are the answers.

#include <string>
#include <vector>

namespace siren {

// person: one of the workspace's people; the answer is their id (a user picker in Slack, typed
// as @name in the shell). Its initial value is "@<id>".
enum class field_kind { text, long_text, choice, checkbox, person };

struct form_field {
    std::string key;   // the command option the answer becomes, e.g. "title", "severity"
    std::string label; // the question shown to the person
    field_kind kind = field_kind::text;
    std::vector<std::string> choices; // for choice
    std::string initial;              // preset answer ("true"/"false" for a checkbox)
    bool required = false;
};

struct form {
    std::string id;     // which command the answers go to, e.g. "declare"
    std::string title;  // "Declare an incident"
    std::string submit; // "Declare"
    std::vector<form_field> fields;
};

} // namespace siren
