#include "commands/text.hpp"

#include <doctest/doctest.h>

using namespace siren::commands;

TEST_CASE("commands: UTF-8 is checked strictly") {
    CHECK(is_valid_utf8("plain ASCII"));
    CHECK(is_valid_utf8("Zürich — 東京 🚨"));
    CHECK_FALSE(is_valid_utf8("\xff"));
    CHECK_FALSE(is_valid_utf8("\xc3"));             // cut short
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));         // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));     // a surrogate
    CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80")); // past U+10FFFF
    CHECK(is_valid_utf8(std::string("nul\0inside", 10)));
}

TEST_CASE("commands: characters are counted, not bytes") {
    CHECK(count_characters("") == 0);
    CHECK(count_characters("abc") == 3);
    CHECK(count_characters("Zürich") == 6);
    CHECK(count_characters("🚨x") == 2);
    CHECK(count_characters("\xff\xfe") == 2);
}

TEST_CASE("commands: shortening cuts at a character and marks the cut") {
    CHECK(shorten("short", 10) == "short");
    CHECK(shorten("abcdefghij", 5) == "abcd…");
    CHECK(shorten("abcdefghij", 5, false) == "abcde");
    CHECK(shorten("ééééé", 3) == "éé…");
    CHECK(shorten("🚨🚨🚨", 2, false) == "🚨🚨");
}

TEST_CASE("commands: what people typed is shown back safely inside code marks") {
    CHECK(code("update") == "`update`");
    CHECK(code("a`b") == "`a'b`");
    CHECK(code("two\nlines") == "`two lines`");
    CHECK(code(std::string(100, 'x')) == "`" + std::string(39, 'x') + "…`");
    CHECK(code("bad \xff byte") == "`bad ? byte`");
}

TEST_CASE("commands: whitespace collapses and trims") {
    CHECK(collapse_whitespace("  a \n\t b  c ") == "a b c");
    CHECK(trim(" \t x y \n") == "x y");
    CHECK(lower_ascii("UpDaTe Ü") == "update Ü");
}

TEST_CASE("commands: control characters are found, line breaks only when not allowed") {
    CHECK_FALSE(find_control("plain text", false));
    CHECK(find_control("a\tb", false) == U'\t');
    CHECK_FALSE(find_control("a\tb\nc\r", true));
    CHECK(find_control("a\x07", true) == U'\x07');
    CHECK(find_control("\xc2\x9b", true) == U'\x9b');
    CHECK(code_point(U'\x07') == "U+0007");
}

TEST_CASE("commands: special mentions never notify a channel when repeated") {
    CHECK(neutralize_mentions("<!channel> db down") == "@channel db down");
    CHECK(neutralize_mentions("ping <!here> and <!subteam^S123|@oncall>") ==
          "ping @here and @oncall");
    CHECK(neutralize_mentions("<@U123> stays, <#C1> too") == "<@U123> stays, <#C1> too");
    CHECK(neutralize_mentions("<!unclosed") == "<!unclosed");
}

TEST_CASE("commands: typos find the command meant") {
    std::vector<std::string_view> names = {"update", "status", "history", "note", "resolve"};
    CHECK(edit_distance("updte", "update") == 1);
    CHECK(edit_distance("UPDATE", "update") == 0);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(closest("updte", names) == "update");
    CHECK(closest("stauts", names) == "status");
    CHECK(closest("hist", names) == "history"); // an unambiguous prefix
    CHECK(closest("RESOLVE", names) == "resolve");
    CHECK_FALSE(closest("banana", names));
    CHECK_FALSE(closest("", names));
    CHECK_FALSE(closest(std::string(100000, 'u'), names));
    CHECK(one_of({"a", "b", "c"}) == "`a`, `b` or `c`");
    CHECK(one_of({"a"}) == "`a`");
}
