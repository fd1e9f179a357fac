#pragma once
// The grammar of siren's command arguments.
//
//   words          separated by spaces, tabs or line breaks
//   "two words"    double quotes (also “typographic” ones) or 'single' quotes group words; inside,
//                  a backslash escapes the closing quote or a backslash
//   key=value      also key="quoted value"; keys are letters, digits, '-' and '_'
//   --flag         also --flag VALUE and --flag=VALUE; "—flag" (a dash that chat apps made of
//                  "--") is read as "--flag"; a lone "--" ends the options
//
// A quote opens a group only at the start of a word, after the '=' of key=value or right after
// another group, so that apostrophes ("can't") need no escaping. Control characters other than
// tabs and line breaks are refused.

#include "core/outcome.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace siren::commands {

struct word {
    std::string text;    // as meant: quotes removed, escapes applied
    std::string key;     // key=value: the key as typed ("stage", "--page"); empty otherwise
    std::string value;   // key=value: the value
    bool quoted = false; // began with a quote: a plain word, never an option

    bool is_pair() const { return !key.empty(); }
};

outcome<std::vector<word>> tokenize(std::string_view text);

// The options a command accepts.
struct option_spec {
    std::string_view name; // without "--"
    bool takes_value = false;
    std::string_view value_name = {}; // for messages: "NAME"
};

struct arguments {
    std::vector<word> words; // everything that is not an option, in order
    // Option name → its values in order ("" for a switch); repeated options add values.
    std::map<std::string, std::vector<std::string>, std::less<>> options;

    bool has(std::string_view option) const;
    // The values of an option, empty when absent.
    const std::vector<std::string>& values(std::string_view option) const;
};

// Splits words into options and the rest. Refuses unknown options (suggesting the closest), a
// missing value and a value given to a switch.
outcome<arguments> parse_options(std::vector<word> words, const std::vector<option_spec>& spec);

// The first word of text (up to a space, tab or line break) and the trimmed rest, without any
// quote handling: how a subcommand is named.
std::pair<std::string_view, std::string_view> split_first_word(std::string_view text);

} // namespace siren::commands
