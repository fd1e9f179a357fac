#include "adapters/console/console_text.hpp"

namespace siren::adapters::console {

namespace {

std::string render_reference(std::string_view inner) {
    auto bar = inner.find('|');
    std::string_view target = inner.substr(0, bar);
    std::string_view label = bar == std::string_view::npos ? "" : inner.substr(bar + 1);
    if (target.starts_with("@") || target.starts_with("#"))
        return std::string(target.substr(0, 1)) +
               std::string(label.empty() ? target.substr(1) : label);
    if (label.empty())
        return std::string(target);
    return std::string(label) + " (" + std::string(target) + ")";
}

} // namespace

std::string plain_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        auto open = text.find('<');
        auto close = open == std::string_view::npos ? open : text.find('>', open);
        if (close == std::string_view::npos) {
            out += text;
            break;
        }
        out += text.substr(0, open);
        out += render_reference(text.substr(open + 1, close - open - 1));
        text.remove_prefix(close + 1);
    }
    return out;
}

std::string plain_block(std::string_view slack_text) {
    std::string out;
    for (char c : plain_text(slack_text)) {
        out += c;
        if (c == '\n')
            out += "    ";
    }
    return out;
}

} // namespace siren::adapters::console
