#include "config/reader.hpp"

#include "config/checks.hpp"
#include "core/channel_name.hpp"

#include <algorithm>
#include <charconv>

namespace siren::config::detail {

namespace {

std::string join(std::string_view path, std::string_view key) {
    if (path.empty())
        return std::string(key);
    return std::string(path) + "." + std::string(key);
}

// Optimal string alignment distance: a swap of two neighbours counts as one edit, the most
// common typo in a key.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

// The key and every run of its words: announce_channel → announce_channel, announce, channel.
// People shorten keys to some of their words, so each run counts as the key.
std::vector<std::string> word_runs(const std::string& key) {
    std::vector<std::string> words;
    for (std::size_t begin = 0;;) {
        const auto end = key.find('_', begin);
        words.push_back(key.substr(begin, end - begin));
        if (end == std::string::npos)
            break;
        begin = end + 1;
    }
    std::vector<std::string> runs{key};
    for (std::size_t first = 0; first < words.size(); ++first) {
        std::string run;
        for (std::size_t last = first; last < words.size(); ++last) {
            run += (last == first ? "" : "_") + words[last];
            if (run != key)
                runs.push_back(run);
        }
    }
    return runs;
}

} // namespace

int line_of(const YAML::Node& node) {
    // yaml-cpp marks are 0-based, and -1 for nodes it made up.
    const auto mark = node.Mark();
    return mark.is_null() ? 0 : mark.line + 1;
}

void context::report(const place& at, std::string message) {
    out_.push_back({file_, at.line, at.path, std::move(message)});
}

std::string_view kind_of(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
        return "a string";
    case YAML::NodeType::Sequence:
        return "a list";
    case YAML::NodeType::Map:
        return "a map";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return "nothing";
}

std::vector<entry> map_entries(context& ctx, const value& map, std::string_view expected) {
    std::vector<entry> entries;
    if (!map.given())
        return entries;
    if (!map.node.IsMap()) {
        ctx.report(map.at,
                   "expected " + std::string(expected) + ", got " + std::string(kind_of(map.node)));
        return entries;
    }
    std::map<std::string, int, std::less<>> first_line;
    for (auto it = map.node.begin(); it != map.node.end(); ++it) {
        // Copies: the iterator's arrow returns a proxy that dies with the statement.
        const YAML::Node key = it->first;
        const YAML::Node val = it->second;
        const int key_line = line_of(key);
        if (!key.IsScalar()) {
            ctx.report({key_line, map.at.path},
                       "expected a key name, got " + std::string(kind_of(key)));
            continue;
        }
        if (const auto [first, inserted] = first_line.emplace(key.Scalar(), key_line); !inserted) {
            ctx.report({key_line, join(map.at.path, key.Scalar())},
                       "duplicate key; first given on line " + std::to_string(first->second));
            continue;
        }
        // A null value's mark can point past its key; the key's line is the one people look at.
        const int line = val.IsNull() ? key_line : line_of(val);
        entries.push_back({key.Scalar(), key_line, {val, {line, join(map.at.path, key.Scalar())}}});
    }
    return entries;
}

std::vector<value> list_items(context& ctx, const value& list, std::string_view expected) {
    std::vector<value> items;
    if (!list.given())
        return items;
    if (!list.node.IsSequence()) {
        ctx.report(list.at, "expected " + std::string(expected) + ", got " +
                                std::string(kind_of(list.node)));
        return items;
    }
    for (const auto& item : list.node) {
        const int line = item.IsNull() ? list.at.line : line_of(item);
        items.push_back({item, {line, list.at.path + "[" + std::to_string(items.size()) + "]"}});
    }
    return items;
}

fields::fields(context& ctx, const value& map, std::initializer_list<std::string_view> known,
               std::string_view expected)
    : at_(map.at)
    , entries_(map_entries(ctx, map, expected)) {
    for (const auto& e : entries_) {
        if (std::find(known.begin(), known.end(), e.key) != known.end())
            continue;
        ctx.report({e.key_line, e.val.at.path},
                   "unknown key `" + e.key + "`" + did_you_mean(closest(e.key, known)));
    }
}

value fields::operator[](std::string_view key) const {
    for (const auto& e : entries_)
        if (e.key == key)
            return e.val;
    return {YAML::Node(), {at_.line, join(at_.path, key)}};
}

bool fields::has(std::string_view key) const {
    return std::any_of(entries_.begin(), entries_.end(),
                       [&](const entry& e) { return e.key == key; });
}

std::optional<std::string_view> closest(std::string_view word,
                                        const std::vector<std::string_view>& candidates) {
    const auto w = to_lower(word);
    std::optional<std::string_view> best;
    std::size_t best_distance = 3; // farther than two edits is not a typo
    for (auto c : candidates)
        for (const auto& form : word_runs(to_lower(c))) {
            const auto gap =
                form.size() > w.size() ? form.size() - w.size() : w.size() - form.size();
            if (gap >= best_distance)
                continue;
            const auto d = edit_distance(w, form);
            // Short words are all close to each other: "xy" is no typo of "ic".
            if (d < best_distance && d < w.size()) {
                best = c;
                best_distance = d;
            }
        }
    return best;
}

std::optional<std::string_view> closest(std::string_view word,
                                        std::initializer_list<std::string_view> candidates) {
    return closest(word, std::vector<std::string_view>(candidates));
}

std::string did_you_mean(std::optional<std::string_view> suggestion) {
    if (!suggestion)
        return "";
    return "; did you mean `" + std::string(*suggestion) + "`?";
}

std::optional<std::string> text(context& ctx, const value& v, std::string_view expected) {
    if (!v.given())
        return std::nullopt;
    if (!v.node.IsScalar()) {
        ctx.report(v.at,
                   "expected " + std::string(expected) + ", got " + std::string(kind_of(v.node)));
        return std::nullopt;
    }
    return v.node.Scalar();
}

std::vector<located_text> texts(context& ctx, const value& list, std::string_view expected,
                                std::string_view item) {
    std::vector<located_text> out;
    for (const auto& i : list_items(ctx, list, expected)) {
        if (!i.given()) {
            ctx.report(i.at, "expected " + std::string(item) + ", got nothing");
            continue;
        }
        if (auto t = text(ctx, i, item))
            out.push_back({std::move(*t), i.at});
    }
    return out;
}

std::optional<bool> flag(context& ctx, const value& v) {
    auto word = text(ctx, v, "true or false");
    if (!word)
        return std::nullopt;
    const auto w = to_lower(*word);
    if (w == "true" || w == "yes" || w == "on")
        return true;
    if (w == "false" || w == "no" || w == "off")
        return false;
    ctx.report(v.at, "expected true or false, got `" + *word + "`");
    return std::nullopt;
}

std::optional<int> whole_number(context& ctx, const value& v, int low, int high) {
    const auto expected =
        "a whole number from " + std::to_string(low) + " to " + std::to_string(high);
    auto word = text(ctx, v, expected);
    if (!word)
        return std::nullopt;
    int n = 0;
    const auto [end, ec] = std::from_chars(word->data(), word->data() + word->size(), n);
    if (ec != std::errc{} || end != word->data() + word->size() || n < low || n > high) {
        ctx.report(v.at, "expected " + expected + ", got `" + *word + "`");
        return std::nullopt;
    }
    return n;
}

std::optional<seconds> duration_in_seconds(context& ctx, const value& v, zero z) {
    const std::string expected = z == zero::allowed
                                     ? "a duration such as 30m, 1h or 1h30m, or 0 for none"
                                     : "a duration such as 5m, 1h or 1h30m";
    auto word = text(ctx, v, expected);
    if (!word)
        return std::nullopt;
    if (*word == "0" && z == zero::allowed)
        return seconds{0};
    const auto d = parse_duration(*word);
    if (!d) {
        ctx.report(v.at, "expected " + expected + ", got `" + *word + "`");
        return std::nullopt;
    }
    if (*d == seconds{0} && z == zero::rejected) {
        ctx.report(v.at, "must be longer than zero");
        return std::nullopt;
    }
    return *d;
}

std::optional<minutes> duration_in_minutes(context& ctx, const value& v, zero z) {
    auto d = duration_in_seconds(ctx, v, z);
    if (!d)
        return std::nullopt;
    if (*d % minutes{1} != seconds{0}) {
        ctx.report(v.at, "must be whole minutes, got `" + format_duration(*d) + "`");
        return std::nullopt;
    }
    return std::chrono::duration_cast<minutes>(*d);
}

std::optional<days> duration_in_days(context& ctx, const value& v) {
    const std::string expected = "a duration in whole days such as 7d or 2w";
    auto word = text(ctx, v, expected);
    if (!word)
        return std::nullopt;
    const auto d = parse_duration(*word);
    if (!d || *d % days{1} != seconds{0} || *d < days{1}) {
        ctx.report(v.at, "expected " + expected + ", got `" + *word + "`");
        return std::nullopt;
    }
    return std::chrono::duration_cast<days>(*d);
}

std::optional<std::string> time_zone(context& ctx, const value& v, blank b) {
    auto zone = text(ctx, v, "a time zone name");
    if (zone && zone->empty() && b == blank::allowed)
        return zone;
    if (zone && !is_known_time_zone(*zone)) {
        ctx.report(v.at, "unknown time zone `" + *zone +
                             "`: expected an IANA name such as Europe/Berlin or UTC");
        return std::nullopt;
    }
    return zone;
}

std::optional<std::string> name(context& ctx, const value& v, std::string_view what) {
    auto n = text(ctx, v, "a " + std::string(what) + " name");
    if (n && !is_name(*n)) {
        ctx.report(v.at, "`" + *n + "` is not a valid " + std::string(what) +
                             " name: use lower-case letters, digits, '.', '_' and '-'");
        return std::nullopt;
    }
    return n;
}

std::optional<std::string> channel(context& ctx, const value& v, blank b) {
    auto c = text(ctx, v, "a channel name");
    if (!c || (c->empty() && b == blank::allowed))
        return c;
    if (!c->empty() && c->front() == '#') {
        ctx.report(v.at, "write the channel name without '#': `" + c->substr(1) + "`");
        return std::nullopt;
    }
    if (!is_valid_channel_name(*c)) {
        ctx.report(v.at, "`" + *c +
                             "` is not a valid Slack channel name: use at most 80 lower-case "
                             "letters, digits, '-' and '_'");
        return std::nullopt;
    }
    return c;
}

std::optional<std::string> url(context& ctx, const value& v, blank b) {
    auto u = text(ctx, v, "a URL");
    if (u && u->empty() && b == blank::allowed)
        return u;
    if (u && !is_url(*u)) {
        ctx.report(v.at, "`" + *u + "` is not a URL: expected one starting with https://");
        return std::nullopt;
    }
    return u;
}

bool check_reference(context& ctx, const located_text& ref,
                     const std::vector<std::string_view>& known, std::string_view what,
                     std::string_view hint) {
    if (std::find(known.begin(), known.end(), ref.text) != known.end())
        return true;
    const auto suggestion = closest(ref.text, known);
    ctx.report(ref.at, "unknown " + std::string(what) + " `" + ref.text + "`" +
                           (suggestion ? did_you_mean(suggestion) : std::string(hint)));
    return false;
}

bool unique_names::add(context& ctx, const located_text& name) {
    const auto [it, inserted] = first_line_.emplace(name.text, name.at.line);
    if (!inserted)
        ctx.report(
            name.at,
            "duplicate " + what_ + " `" + name.text + "`" +
                (it->second > 0 ? "; first defined on line " + std::to_string(it->second) : ""));
    return inserted;
}

bool within_node_budget(const YAML::Node& root, std::size_t limit) {
    // A stack, not recursion: a cycle through an alias would otherwise recurse `limit` deep.
    // Nodes are counted as they are pushed so that the stack, too, stays within the limit.
    std::vector<YAML::Node> pending{root};
    const auto push = [&](const YAML::Node& node) {
        if (pending.size() + 1 > limit)
            return false;
        pending.push_back(node);
        return true;
    };
    std::size_t seen = 0;
    while (!pending.empty()) {
        if (++seen > limit)
            return false;
        const YAML::Node node = pending.back();
        pending.pop_back();
        if (node.IsMap()) {
            for (auto it = node.begin(); it != node.end(); ++it)
                if (!push(it->first) || !push(it->second))
                    return false;
        } else if (node.IsSequence()) {
            for (const auto& item : node)
                if (!push(item))
                    return false;
        }
    }
    return true;
}

} // namespace siren::config::detail
