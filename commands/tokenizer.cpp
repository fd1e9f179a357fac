#include "commands/tokenizer.hpp"

#include "commands/text.hpp"

namespace siren::commands {

namespace {

outcome<std::vector<word>> failure(std::string why) {
    return outcome<std::vector<word>>(boost::system::in_place_error, std::move(why));
}

bool is_separator(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

struct quote_style {
    std::string_view opening;
    std::vector<std::string_view> closing;
};

// Chat apps turn straight quotes into typographic ones; both are understood.
const std::vector<quote_style>& quote_styles() {
    static const std::vector<quote_style> styles = {
        {"\"", {"\""}},
        {"'", {"'"}},
        {"“", {"”", "“", "\""}},
        {"‘", {"’", "'"}},
    };
    return styles;
}

const quote_style* quote_opening_at(std::string_view text, std::size_t i) {
    for (const auto& style : quote_styles())
        if (text.substr(i).starts_with(style.opening))
            return &style;
    return nullptr;
}

// The length of a closing quote of style at text[i]; 0 when there is none.
std::size_t closing_at(const quote_style& style, std::string_view text, std::size_t i) {
    for (auto closer : style.closing)
        if (text.substr(i).starts_with(closer))
            return closer.size();
    return 0;
}

// The length of the character a backslash outside quotes makes literal at text[i]; 0 when the
// backslash is an ordinary character.
std::size_t escaped_outside_at(std::string_view text, std::size_t i) {
    char c = text[i];
    if (c == '"' || c == '\'' || c == '\\' || c == '=' || c == ' ' || c == '\t')
        return 1;
    if (quote_opening_at(text, i))
        return quote_opening_at(text, i)->opening.size();
    for (auto closer : {std::string_view("”"), std::string_view("’")})
        if (text.substr(i).starts_with(closer))
            return closer.size();
    return 0;
}

bool is_key(std::string_view key) {
    if (key.empty() || key.size() > 64)
        return false;
    for (char c : key) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

// The dashes that introduce an option: "--", or the long dashes chat apps make of it.
std::size_t option_dashes(std::string_view text) {
    for (auto dashes : {std::string_view("--"), std::string_view("—"), std::string_view("–")})
        if (text.starts_with(dashes) && text.size() > dashes.size())
            return dashes.size();
    return 0;
}

} // namespace

outcome<std::vector<word>> tokenize(std::string_view text) {
    if (auto c = find_control(text, true))
        return failure("Your command contains a control character (" + code_point(*c) +
                       "). Retype it without it.");
    std::vector<word> words;
    const std::size_t n = text.size();
    std::size_t i = 0;
    for (;;) {
        while (i < n && is_separator(text[i]))
            ++i;
        if (i >= n)
            break;
        word w;
        const std::size_t start = i;
        bool may_open = true; // at the start, after the '=' of key=value or after a group
        bool grouped = false; // a quoted group came before any '='
        std::size_t equals = std::string::npos; // where the first unescaped '=' is in w.text
        while (i < n && !is_separator(text[i])) {
            if (const quote_style* style = may_open ? quote_opening_at(text, i) : nullptr) {
                w.quoted = w.quoted || i == start;
                grouped = grouped || equals == std::string::npos;
                const std::size_t opened_at = i;
                i += style->opening.size();
                bool closed = false;
                while (i < n) {
                    if (text[i] == '\\' && i + 1 < n) {
                        std::size_t len = text[i + 1] == '\\' ? 1 : closing_at(*style, text, i + 1);
                        if (len > 0) {
                            w.text.append(text.substr(i + 1, len));
                            i += 1 + len;
                            continue;
                        }
                    }
                    if (std::size_t len = closing_at(*style, text, i)) {
                        i += len;
                        closed = true;
                        break;
                    }
                    w.text += text[i++];
                }
                if (!closed)
                    return failure("The quote " + code(text.substr(opened_at)) +
                                   " is never closed. Add the closing " +
                                   std::string(style->closing.front()) + ", or write \\" +
                                   std::string(style->opening) + " for a quote mark.");
                continue;
            }
            if (text[i] == '\\' && i + 1 < n) {
                if (std::size_t len = escaped_outside_at(text, i + 1)) {
                    w.text.append(text.substr(i + 1, len));
                    i += 1 + len;
                    may_open = false;
                    continue;
                }
            }
            if (text[i] == '=' && equals == std::string::npos && !grouped) {
                equals = w.text.size();
                may_open = true;
            } else {
                may_open = false;
            }
            w.text += text[i++];
        }
        if (equals != std::string::npos && is_key(std::string_view(w.text).substr(0, equals))) {
            w.key = w.text.substr(0, equals);
            w.value = w.text.substr(equals + 1);
        }
        words.push_back(std::move(w));
    }
    return words;
}

bool arguments::has(std::string_view option) const {
    return options.find(option) != options.end();
}

const std::vector<std::string>& arguments::values(std::string_view option) const {
    static const std::vector<std::string> none;
    auto it = options.find(option);
    return it == options.end() ? none : it->second;
}

outcome<arguments> parse_options(std::vector<word> words, const std::vector<option_spec>& spec) {
    auto fail = [](std::string why) {
        return outcome<arguments>(boost::system::in_place_error, std::move(why));
    };
    arguments out;
    bool options_ended = false;
    for (std::size_t k = 0; k < words.size(); ++k) {
        word& w = words[k];
        if (!w.quoted && !options_ended && w.text == "--") {
            options_ended = true;
            continue;
        }
        std::size_t dashes = w.quoted || options_ended ? 0 : option_dashes(w.text);
        if (dashes == 0) {
            out.words.push_back(std::move(w));
            continue;
        }
        std::string_view typed = w.is_pair() ? std::string_view(w.key) : std::string_view(w.text);
        std::string name = lower_ascii(typed.substr(dashes));
        const option_spec* option = nullptr;
        for (const auto& s : spec)
            if (s.name == name)
                option = &s;
        if (!option) {
            std::vector<std::string_view> names;
            for (const auto& s : spec)
                names.push_back(s.name);
            std::string reply = "Unknown option " + code(typed) + ".";
            if (auto guess = closest(name, names))
                reply += " Did you mean `--" + *guess + "`?";
            return fail(reply);
        }
        std::string shown = "`--" + std::string(option->name) + "`";
        if (!option->takes_value) {
            if (w.is_pair())
                return fail(shown + " takes no value.");
            out.options[name].emplace_back();
            continue;
        }
        std::string example =
            " Write `--" + std::string(option->name) + " " + std::string(option->value_name) + "`.";
        if (w.is_pair()) {
            if (w.value.empty())
                return fail(shown + " needs a value." + example);
            out.options[name].push_back(std::move(w.value));
            continue;
        }
        bool next_is_value =
            k + 1 < words.size() && (words[k + 1].quoted || option_dashes(words[k + 1].text) == 0);
        if (!next_is_value)
            return fail(shown + " needs a value." + example);
        out.options[name].push_back(std::move(words[++k].text));
    }
    return out;
}

std::pair<std::string_view, std::string_view> split_first_word(std::string_view text) {
    text = trim(text);
    std::size_t end = 0;
    while (end < text.size() && !is_separator(text[end]))
        ++end;
    return {text.substr(0, end), trim(text.substr(end))};
}

} // namespace siren::commands
