#pragma once
// The toolkit the section readers share. It walks yaml-cpp nodes without ever throwing (no
// operator[], no as<T>) and turns everything wrong into a problem naming line and key path.
// Internal to siren_config.

#include "config/load.hpp"
#include "core/time.hpp"

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace siren::config::detail {

// Where a value sits: its 1-based line (0 when unknown) and its key path.
struct place {
    int line = 0;
    std::string path;
};

// What the section readers need besides the document: where problems go and where secrets come
// from. All references must outlive the context.
class context {
public:
    context(std::string_view file, std::vector<problem>& out, const env_lookup& env,
            const file_reader& read)
        : file_(file)
        , out_(out)
        , env_(env)
        , read_(read) {}

    void report(const place& at, std::string message);

    const env_lookup& env() const { return env_; }
    const file_reader& read_file() const { return read_; }

private:
    std::string file_;
    std::vector<problem>& out_;
    const env_lookup& env_;
    const file_reader& read_;
};

// One value of the document. An absent key is a null node placed at the key it would have.
struct value {
    YAML::Node node; // a default Node is null
    place at;

    bool given() const { return !node.IsNull(); }
};

// The 1-based line of a node; 0 for nodes yaml-cpp made up.
int line_of(const YAML::Node& node);

// "a string", "a list", "a map", "nothing": for "expected X, got Y".
std::string_view kind_of(const YAML::Node& node);

struct entry {
    std::string key;
    int key_line = 0;
    value val;
};

// The entries of a map in document order. A value that is not a map is reported ("expected
// <expected>, got a list") and reads as empty; so does null, silently. Keys that are not plain
// text or that repeat are reported and skipped.
std::vector<entry> map_entries(context& ctx, const value& map, std::string_view expected);

// The items of a list, placed at "path[i]". Not a list: reported, and no items.
std::vector<value> list_items(context& ctx, const value& list, std::string_view expected);

// Absent, null, or a list with no items: a required list that says nothing.
inline bool lists_nothing(const value& v) {
    return !v.given() || (v.node.IsSequence() && v.node.size() == 0);
}

// A map whose keys are fixed by the schema. Unknown keys are reported when it is built, with a
// suggestion when a known key is close.
class fields {
public:
    fields(context& ctx, const value& map, std::initializer_list<std::string_view> known,
           std::string_view expected = "a map");

    // The value of a key; absent keys give a null value placed at the key's would-be path.
    value operator[](std::string_view key) const;
    bool has(std::string_view key) const;
    const place& at() const { return at_; }

private:
    place at_;
    std::vector<entry> entries_;
};

// The closest of `candidates` to `word` when it is close enough to be a likely typo.
std::optional<std::string_view> closest(std::string_view word,
                                        std::initializer_list<std::string_view> candidates);
std::optional<std::string_view> closest(std::string_view word,
                                        const std::vector<std::string_view>& candidates);
// "; did you mean `x`?" or "".
std::string did_you_mean(std::optional<std::string_view> suggestion);

// Text of a scalar; nullopt when absent or null (nothing reported) or not a scalar (reported as
// "expected <expected>, got a list").
std::optional<std::string> text(context& ctx, const value& v, std::string_view expected = "text");

struct located_text {
    std::string text;
    place at;
};

// The items of a list of scalars. `expected` names the list ("a list of rotation names"), `item`
// one of its items ("a rotation name").
std::vector<located_text> texts(context& ctx, const value& list, std::string_view expected,
                                std::string_view item);

// A scalar read by `parse` (which returns an optional); a value it rejects is reported as
// "expected <expected>, got `x`".
template <class Parse>
auto parsed(context& ctx, const value& v, std::string_view expected, Parse parse)
    -> decltype(parse(std::string_view{})) {
    auto word = text(ctx, v, expected);
    if (!word)
        return std::nullopt;
    auto result = parse(*word);
    if (!result)
        ctx.report(v.at, "expected " + std::string(expected) + ", got `" + *word + "`");
    return result;
}

// true/false (also yes/no, on/off).
std::optional<bool> flag(context& ctx, const value& v);
// A whole number in [low, high].
std::optional<int> whole_number(context& ctx, const value& v, int low, int high);

enum class zero { rejected, allowed };
// "30m", "1h30m", "2h" in whole minutes; "0" when allowed.
std::optional<minutes> duration_in_minutes(context& ctx, const value& v, zero z);
// As duration_in_minutes, to the second ("90s"): for waits that tests shorten.
std::optional<seconds> duration_in_seconds(context& ctx, const value& v, zero z);
// "7d", "2w" in whole days, at least one.
std::optional<days> duration_in_days(context& ctx, const value& v);

template <class E>
struct choice {
    std::string_view name;
    E value;
};

// One of a few words, e.g. socket|http; anything else is reported with the choices.
template <class E>
std::optional<E> one_of(context& ctx, const value& v, std::initializer_list<choice<E>> choices) {
    auto word = text(ctx, v, "a word");
    if (!word)
        return std::nullopt;
    std::vector<std::string_view> names;
    for (const auto& c : choices) {
        if (c.name == *word)
            return c.value;
        names.push_back(c.name);
    }
    std::string list;
    for (auto n : names)
        list += (list.empty() ? "" : ", ") + std::string(n);
    ctx.report(v.at, "expected one of " + list + ", got `" + *word + "`" +
                         did_you_mean(closest(*word, names)));
    return std::nullopt;
}

// Values with a shape of their own; each reports what is wrong with it. Where a setting's
// default is empty ("none"), an empty string is allowed too, so that describe()'s output loads.
enum class blank { rejected, allowed };
// An IANA name such as "Europe/Berlin".
std::optional<std::string> time_zone(context& ctx, const value& v, blank b);
// As is_name accepts; `what` ("rotation") words the problems.
std::optional<std::string> name(context& ctx, const value& v, std::string_view what);
// A Slack channel name without '#'.
std::optional<std::string> channel(context& ctx, const value& v, blank b);
std::optional<std::string> url(context& ctx, const value& v, blank b);

// Whether `ref` is one of `known`; if not, reports it ("unknown rotation `eocc`; did you mean
// `eoc`?"). `hint` follows the report when nothing is close.
bool check_reference(context& ctx, const located_text& ref,
                     const std::vector<std::string_view>& known, std::string_view what,
                     std::string_view hint = "");

// Reports a second use of the same name ("duplicate handle `alice`; first defined on line 3").
// Returns whether the name was new.
class unique_names {
public:
    explicit unique_names(std::string_view what)
        : what_(what) {}
    bool add(context& ctx, const located_text& name);

private:
    std::string what_;
    std::map<std::string, int, std::less<>> first_line_;
};

// Whether the document (aliases followed, cycles included) has at most `limit` nodes. Aliases
// let a few bytes stand for a huge or endless tree; every later walk relies on this bound.
bool within_node_budget(const YAML::Node& root, std::size_t limit);

} // namespace siren::config::detail
