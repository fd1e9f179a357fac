#include "commands/tokenizer.hpp"

#include <doctest/doctest.h>

using namespace siren::commands;

namespace {

std::vector<std::string> texts(std::string_view line) {
    auto words = tokenize(line);
    REQUIRE(words.has_value());
    std::vector<std::string> out;
    for (const auto& w : *words)
        out.push_back(w.text);
    return out;
}

std::string refusal_of(std::string_view line) {
    auto words = tokenize(line);
    REQUIRE_FALSE(words.has_value());
    return words.error();
}

arguments parsed(std::string_view line, const std::vector<option_spec>& spec) {
    auto words = tokenize(line);
    REQUIRE(words.has_value());
    auto args = parse_options(std::move(*words), spec);
    REQUIRE(args.has_value());
    return *args;
}

std::string option_refusal(std::string_view line, const std::vector<option_spec>& spec) {
    auto words = tokenize(line);
    REQUIRE(words.has_value());
    auto args = parse_options(std::move(*words), spec);
    REQUIRE_FALSE(args.has_value());
    return args.error();
}

const std::vector<option_spec> spec = {
    {"service", true, "NAME"}, {"force"}, {"page", true, "LIST"}};

} // namespace

TEST_CASE("commands: words are separated by spaces, tabs and line breaks") {
    CHECK(texts("  a b\tc\n d  ") == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(texts("").empty());
    CHECK(texts(" \t ").empty());
}

TEST_CASE("commands: quotes group words and backslashes escape the closing quote") {
    CHECK(texts(R"("two words" 'and three here')") ==
          std::vector<std::string>{"two words", "and three here"});
    CHECK(texts(R"("say \"hi\"" 'it\'s' "back\\slash")") ==
          std::vector<std::string>{R"(say "hi")", "it's", R"(back\slash)"});
    CHECK(texts(R"("a"'b'c)") == std::vector<std::string>{"abc"});
    CHECK(texts(R"("")") == std::vector<std::string>{""});
    CHECK(texts(R"(\"not quoted)") == std::vector<std::string>{"\"not", "quoted"});
    CHECK(texts(R"("C:\path")") == std::vector<std::string>{R"(C:\path)"});
}

TEST_CASE("commands: apostrophes inside words need no escaping") {
    CHECK(texts("can't log in, users' carts") ==
          std::vector<std::string>{"can't", "log", "in,", "users'", "carts"});
}

TEST_CASE("commands: typographic quotes work like straight ones") {
    CHECK(texts("“smart quotes” ‘single ones’") ==
          std::vector<std::string>{"smart quotes", "single ones"});
    CHECK(texts("“mixed\"") == std::vector<std::string>{"mixed"});
    CHECK(texts("can’t") == std::vector<std::string>{"can’t"});
}

TEST_CASE("commands: key=value pairs, also with a quoted value") {
    auto words = tokenize(R"(stage=identified summary="cache node lost" "not=pair" a=b=c =x)");
    REQUIRE(words.has_value());
    REQUIRE(words->size() == 5);
    CHECK((*words)[0].key == "stage");
    CHECK((*words)[0].value == "identified");
    CHECK((*words)[1].key == "summary");
    CHECK((*words)[1].value == "cache node lost");
    CHECK((*words)[1].text == "summary=cache node lost");
    CHECK_FALSE((*words)[2].is_pair());
    CHECK((*words)[2].quoted);
    CHECK((*words)[3].key == "a");
    CHECK((*words)[3].value == "b=c");
    CHECK_FALSE((*words)[4].is_pair());
}

TEST_CASE("commands: an unterminated quote is refused, saying where it starts") {
    CHECK(refusal_of(R"(declare "DB down)").find("`\"DB down`") != std::string::npos);
    CHECK(refusal_of(R"(declare "DB down)").find("never closed") != std::string::npos);
    CHECK(refusal_of("'tis broken").find("never closed") != std::string::npos);
    CHECK(refusal_of(R"(x="open)").find("never closed") != std::string::npos);
    CHECK(refusal_of("“never closed").find("”") != std::string::npos);
}

TEST_CASE("commands: control characters are refused, tabs and line breaks are not") {
    CHECK(refusal_of(std::string("a\x01z")).find("U+0001") != std::string::npos);
    CHECK(refusal_of(std::string("a\0z", 3)).find("U+0000") != std::string::npos);
    CHECK(refusal_of("\"quoted \x1b[31m\"").find("U+001B") != std::string::npos);
    CHECK(refusal_of("del\x7f").find("U+007F") != std::string::npos);
    CHECK(refusal_of("c1 \xc2\x85").find("U+0085") != std::string::npos);
    CHECK(texts("\"tab\tinside\"") == std::vector<std::string>{"tab\tinside"});
}

TEST_CASE("commands: options as --flag, --flag VALUE and --flag=VALUE") {
    auto args = parsed("S1 --force title --service checkout words --page=imoc,cmoc", spec);
    REQUIRE(args.words.size() == 3);
    CHECK(args.words[0].text == "S1");
    CHECK(args.words[2].text == "words");
    CHECK(args.has("force"));
    CHECK(args.values("force") == std::vector<std::string>{""});
    CHECK(args.values("service") == std::vector<std::string>{"checkout"});
    CHECK(args.values("page") == std::vector<std::string>{"imoc,cmoc"});
    CHECK(args.values("absent").empty());
}

TEST_CASE("commands: option values may be quoted, repeated, and long dashes count") {
    auto args = parsed(R"(--service="two words" --page imoc --page "cmoc" —force)", spec);
    CHECK(args.values("service") == std::vector<std::string>{"two words"});
    CHECK(args.values("page") == std::vector<std::string>{"imoc", "cmoc"});
    CHECK(args.has("force"));
    CHECK(args.words.empty());
}

TEST_CASE("commands: a quoted or escaped option, and anything after --, is a word") {
    auto args = parsed(R"("--force" -- --service x)", spec);
    CHECK_FALSE(args.has("force"));
    CHECK_FALSE(args.has("service"));
    REQUIRE(args.words.size() == 3);
    CHECK(args.words[0].text == "--force");
    CHECK(args.words[1].text == "--service");
    CHECK(args.words[2].text == "x");
}

TEST_CASE("commands: option mistakes are refused with the way to write them") {
    CHECK(option_refusal("--servce checkout", spec) ==
          "Unknown option `--servce`. Did you mean `--service`?");
    CHECK(option_refusal("--zzzzzzzz", spec) == "Unknown option `--zzzzzzzz`.");
    CHECK(option_refusal("title --service", spec) ==
          "`--service` needs a value. Write `--service NAME`.");
    CHECK(option_refusal("--service --force", spec) ==
          "`--service` needs a value. Write `--service NAME`.");
    CHECK(option_refusal("--service=", spec) ==
          "`--service` needs a value. Write `--service NAME`.");
    CHECK(option_refusal("--force=yes", spec) == "`--force` takes no value.");
}

TEST_CASE("commands: the first word names the subcommand, without quote handling") {
    auto [first, rest] = split_first_word("  update \t stage=x  \"open ");
    CHECK(first == "update");
    CHECK(rest == "stage=x  \"open");
    auto [only, nothing] = split_first_word("status");
    CHECK(only == "status");
    CHECK(nothing.empty());
    auto [none, empty] = split_first_word("   ");
    CHECK(none.empty());
    CHECK(empty.empty());
}
