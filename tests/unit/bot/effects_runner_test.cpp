#include "bot/effects_runner.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <doctest/doctest.h>

using namespace siren;
namespace asio = boost::asio;
using adapters::call_result;

namespace {

// Records every call; calls to a channel listed in `slow` take 50 ms, the first
// `failures[channel]` calls to a channel fail (retryably), and the first `lost[what]` creates or
// posts take effect but their answer is lost ("create", "post", "dm").
class recording_workspace final : public adapters::chat_workspace, public adapters::pager {
public:
    std::vector<std::string> calls;
    std::map<std::string, int> failures;
    std::map<std::string, int> lost;
    std::map<std::string, bool> slow;
    int next_ts = 1;
    std::map<std::string, std::string> posted_text; // ts → text, to check pins and edits
    std::map<std::string, std::string> marked;      // "<channel or user>/<mark>" → ts
    std::vector<std::string> channels;              // names created
    std::set<std::string> paged;                    // dedup keys a lost trigger got through
    std::set<std::string> files;                    // "<channel>/<filename>" uploaded

    asio::awaitable<call_result<std::string>> create_channel(std::string name, bool) override {
        co_await pause(name);
        if (auto f = fail(name))
            co_return adapters::failed(*f);
        calls.push_back("create " + name);
        channels.push_back(name);
        if (auto f = lose("create"))
            co_return adapters::failed(*f);
        co_return "C-" + name;
    }
    asio::awaitable<call_result<>> invite(std::string channel, std::vector<user_id>) override {
        co_await pause(channel);
        calls.push_back("invite " + channel);
        co_return adapters::succeeded();
    }
    asio::awaitable<call_result<>> set_topic(std::string channel, std::string) override {
        co_await pause(channel);
        if (auto f = fail(channel))
            co_return adapters::failed(*f);
        calls.push_back("topic " + channel);
        co_return adapters::succeeded();
    }
    asio::awaitable<call_result<std::string>> post_message(std::string channel, std::string text,
                                                           std::vector<button>,
                                                           std::string mark) override {
        co_await pause(channel);
        if (auto f = fail("post"))
            co_return adapters::failed(*f);
        calls.push_back("post " + channel + " " + text);
        std::string ts = std::to_string(next_ts++);
        posted_text[ts] = text;
        if (!mark.empty())
            marked[channel + "/" + mark] = ts;
        if (auto f = lose("post"))
            co_return adapters::failed(*f);
        co_return ts;
    }
    asio::awaitable<call_result<>> update_message(std::string channel, std::string ts,
                                                  std::string text, std::vector<button>) override {
        calls.push_back("update " + channel + " " + posted_text[ts] + " → " + text);
        co_return adapters::succeeded();
    }
    asio::awaitable<call_result<>> pin(std::string channel, std::string ts) override {
        if (auto f = fail("pin"))
            co_return adapters::failed(*f);
        calls.push_back("pin " + channel + " " + posted_text[ts]);
        co_return adapters::succeeded();
    }
    asio::awaitable<call_result<>> notify_user(user_id user, std::string,
                                               std::string mark) override {
        calls.push_back("dm " + user);
        marked[user + "/" + mark] = std::to_string(next_ts++);
        if (auto f = lose("dm"))
            co_return adapters::failed(*f);
        co_return adapters::succeeded();
    }
    asio::awaitable<call_result<std::optional<std::string>>>
    find_marked(std::string channel_or_user, std::string mark) override {
        calls.push_back("look " + channel_or_user);
        auto found = marked.find(channel_or_user + "/" + mark);
        co_return found == marked.end() ? std::nullopt : std::optional<std::string>(found->second);
    }
    asio::awaitable<call_result<std::vector<std::string>>>
    channels_created_as(std::string name) override {
        calls.push_back("list " + name);
        std::vector<std::string> ids;
        for (const auto& c : channels)
            if (c == name || c.starts_with(name + "-"))
                ids.push_back("C-" + c);
        co_return ids;
    }
    asio::awaitable<call_result<>> upload_file(std::string channel, std::string filename,
                                               std::string, std::string, std::string) override {
        calls.push_back("upload " + channel + " " + filename);
        files.insert(channel + "/" + filename);
        if (auto f = lose("upload"))
            co_return adapters::failed(*f);
        co_return adapters::succeeded();
    }
    asio::awaitable<call_result<bool>> file_shared(std::string channel, std::string filename,
                                                   std::string, time_point) override {
        calls.push_back("files " + channel);
        co_return adapters::answer(files.count(channel + "/" + filename) > 0);
    }
    asio::awaitable<call_result<>> archive_channel(std::string channel) override {
        calls.push_back("archive " + channel);
        co_return adapters::succeeded();
    }
    asio::awaitable<call_result<>> set_group_members(std::string group,
                                                     std::vector<user_id>) override {
        calls.push_back("group " + group);
        co_return adapters::succeeded();
    }
    std::string_view provider() const override { return "test"; }
    asio::awaitable<call_result<>> trigger(page_user page) override {
        calls.push_back("page " + page.user);
        co_return adapters::succeeded();
    }
    asio::awaitable<call_result<bool>> triggered_before(page_user page) override {
        calls.push_back("look for the page of " + page.user);
        co_return adapters::answer(paged.count(page.dedup_key) > 0);
    }
    asio::awaitable<call_result<>> acknowledge(std::string key) override {
        calls.push_back("acknowledge " + key);
        co_return adapters::succeeded();
    }
    asio::awaitable<call_result<>> resolve(std::string key) override {
        calls.push_back("resolve " + key);
        co_return adapters::succeeded();
    }

private:
    asio::awaitable<void> pause(const std::string& channel) {
        if (!slow[channel])
            co_return;
        asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(50));
        co_await t.async_wait(asio::use_awaitable);
    }
    std::optional<adapters::failure> lose(const std::string& what) {
        if (lost[what] <= 0)
            return std::nullopt;
        --lost[what];
        return adapters::failure{
            .retryable = true, .message = "connection reset", .outcome_unknown = true};
    }
    std::optional<adapters::failure> fail(const std::string& what) {
        if (failures[what] <= 0)
            return std::nullopt;
        --failures[what];
        return adapters::failure{.retryable = true, .message = "try later"};
    }
};

struct fixture {
    std::unique_ptr<store::sqlite_store> store =
        std::move(*store::sqlite_store::open(":memory:", store::open_mode::migrate));
    manual_clock clock{time_point{std::chrono::sys_days{std::chrono::year{2026} / 3 / 24}}};
    recording_workspace chat;
    asio::io_context io;
    siren_metrics metrics{*store, clock, "test"};
    effects_runner runner;

    // Calls slower than `notice_after` make the runner tell the incident's channel.
    explicit fixture(std::chrono::milliseconds notice_after = std::chrono::seconds(10))
        : runner(io.get_executor(), *store, chat, {.primary = chat}, clock, metrics, notice_after) {
    }

    void declare(incident_id id, const std::string& channel) {
        decision d;
        incident i;
        i.id = id;
        i.title = channel;
        i.channel_name = channel;
        i.roles[role::ic] = "alice";
        i.declared_at = i.updated_at = clock.now();
        d.saved = i;
        d.effects = {
            create_channel{.name = channel}, set_topic{.channel = channel, .topic = "t"},
            post_message{.channel = channel, .text = "intro", .key = "intro", .pin = true}};
        REQUIRE(store->commit(d, "envelope-" + channel, clock.now()).has_value());
    }

    void drain() {
        asio::co_spawn(io, runner.drain(), [](std::exception_ptr e) {
            if (e)
                std::rethrow_exception(e);
        });
        io.run();
        io.restart();
    }

    // The calls about one channel, by its name or its id: "<verb> <channel> ...".
    std::vector<std::string> calls_for(const std::string& channel) const {
        std::vector<std::string> out;
        for (const auto& c : chat.calls) {
            auto target = c.substr(c.find(' ') + 1);
            target = target.substr(0, target.find(' '));
            if (target == channel || target == "C-" + channel)
                out.push_back(c);
        }
        return out;
    }
};

} // namespace

TEST_CASE("bot: effects of one incident run in order; incidents do not wait for each other") {
    fixture f;
    f.chat.slow["a"] = true;
    f.declare(1, "a");
    f.declare(2, "b");
    f.drain();
    CHECK(f.calls_for("a") ==
          std::vector<std::string>{"create a", "topic C-a", "post C-a intro", "pin C-a intro"});
    CHECK(f.calls_for("b") ==
          std::vector<std::string>{"create b", "topic C-b", "post C-b intro", "pin C-b intro"});
    // b's effects, one after another, all finished while a's first call was still under way.
    CHECK(std::vector<std::string>(f.chat.calls.begin(), f.chat.calls.begin() + 4) ==
          f.calls_for("b"));
    CHECK(f.store->pending_effects() == 0);
    CHECK(f.store->channel_id_for("a") == "C-a");
}

TEST_CASE("bot: a transient failure is retried after a backoff, later effects wait for it") {
    fixture f;
    f.chat.failures["C-a"] = 1; // the topic fails once
    f.declare(1, "a");
    f.drain();
    CHECK(f.calls_for("a") == std::vector<std::string>{"create a"});
    CHECK(f.store->pending_effects() == 2);
    f.clock.advance(seconds{2});
    f.drain();
    CHECK(f.calls_for("a") ==
          std::vector<std::string>{"create a", "topic C-a", "post C-a intro", "pin C-a intro"});
    auto scrape = f.metrics.render();
    CHECK(scrape.find(R"(siren_effects_total{kind="set_topic",result="retry"} 1)") !=
          std::string::npos);
    CHECK(scrape.find(R"(siren_effects_total{kind="set_topic",result="done"} 1)") !=
          std::string::npos);
}

TEST_CASE("bot: a retry after a failed pin pins the message posted before, never posts twice") {
    fixture f;
    f.chat.failures["pin"] = 1;
    f.declare(1, "a");
    f.drain();
    f.clock.advance(seconds{2});
    f.drain();
    CHECK(f.calls_for("a") ==
          std::vector<std::string>{"create a", "topic C-a", "post C-a intro", "pin C-a intro"});
}

TEST_CASE("bot: the pinned message is edited in place by its key") {
    fixture f;
    f.declare(1, "a");
    f.drain();
    decision d;
    d.saved = f.store->find(1);
    d.effects = {update_message{.channel = "a", .key = "intro", .text = "new"}};
    REQUIRE(f.store->commit(d, "envelope-update", f.clock.now()).has_value());
    f.drain();
    CHECK(f.chat.calls.back() == "update C-a intro → new");
}

TEST_CASE("bot: when Slack slows an incident's updates down, its channel is told once") {
    fixture f(std::chrono::milliseconds(30));
    f.declare(1, "a");
    f.drain();
    f.chat.slow["C-a"] = true; // each call to the channel now takes 50 ms, over the 30 ms limit
    decision d;
    d.saved = f.store->find(1);
    d.effects = {set_topic{.channel = "a", .topic = "one"},
                 set_topic{.channel = "a", .topic = "two"}};
    REQUIRE(f.store->commit(d, "envelope-slow", f.clock.now()).has_value());
    f.drain();
    auto calls = f.calls_for("a");
    auto told = std::count_if(calls.begin(), calls.end(), [](const std::string& c) {
        return c.find("Slack is slowing siren down") != std::string::npos;
    });
    CHECK(told == 1);
    CHECK(f.store->pending_effects() == 0);
}

TEST_CASE("bot: a channel created by an attempt whose answer was lost is found, not made twice") {
    fixture f;
    f.chat.lost["create"] = 1;
    f.declare(1, "a");
    f.drain();
    f.clock.advance(seconds{2});
    f.drain();
    CHECK(f.calls_for("a") == std::vector<std::string>{"create a", "list a", "topic C-a",
                                                       "post C-a intro", "pin C-a intro"});
    CHECK(f.store->channel_id_for("a") == "C-a");
}

TEST_CASE("bot: a lost channel is not taken from another incident that has it") {
    fixture f;
    f.declare(1, "b");
    f.drain();
    // Incident 1's channel is Slack's "a-2" (someone had "a" then). Incident 2 wants "a"; its
    // create lost its answer, and the only channel of siren's by that name is incident 1's, so
    // it creates one of its own.
    f.chat.channels.push_back("a-2");
    f.store->set_channel_id(1, "b", "C-a-2");
    decision d;
    incident second = *f.store->find(1);
    second.id = 2;
    second.channel_name = "a";
    d.saved = second;
    d.effects = {create_channel{.name = "a"}};
    REQUIRE(f.store->commit(d, "envelope-second", f.clock.now()).has_value());
    auto due = f.store->due_effects(f.clock.now(), 10);
    REQUIRE(due.size() == 1);
    f.store->mark_started(due[0].id); // as if siren died during the call
    f.drain();
    CHECK(std::vector<std::string>(f.chat.calls.end() - 2, f.chat.calls.end()) ==
          std::vector<std::string>{"list a", "create a"});
    CHECK(f.store->channel_id_for("a") == "C-a");
}

TEST_CASE("bot: a message posted by an attempt whose answer was lost is found and pinned once") {
    fixture f;
    f.chat.lost["post"] = 1;
    f.declare(1, "a");
    f.drain();
    f.clock.advance(seconds{2});
    f.drain();
    CHECK(f.calls_for("a") == std::vector<std::string>{"create a", "topic C-a", "post C-a intro",
                                                       "look C-a", "pin C-a intro"});
    CHECK(f.store->pending_effects() == 0);
}

TEST_CASE("bot: after a crash during a call, the effect looks before it acts again") {
    fixture f;
    f.declare(1, "a");
    f.drain();
    decision d;
    d.saved = f.store->find(1);
    d.effects = {notify_user{.user = "U1", .text = "you are IC"}};
    REQUIRE(f.store->commit(d, "envelope-dm", f.clock.now()).has_value());
    auto due = f.store->due_effects(f.clock.now(), 10);
    REQUIRE(due.size() == 1);
    // The DM went out, then siren died before it heard back.
    f.chat.marked["U1/" + due[0].idempotency_key] = "99";
    f.store->mark_started(due[0].id);
    f.drain();
    CHECK(f.chat.calls.back() == "look U1");
    CHECK(f.store->pending_effects() == 0);
}

TEST_CASE("bot: a failure known not to have taken effect is retried without looking") {
    fixture f;
    f.chat.failures["post"] = 1; // the intro is refused once (a 429, say)
    f.declare(1, "a");
    f.drain();
    f.clock.advance(seconds{2});
    f.drain();
    auto calls = f.calls_for("a");
    CHECK(calls.back() == "pin C-a intro");
    CHECK(std::none_of(calls.begin(), calls.end(),
                       [](const std::string& c) { return c.starts_with("look "); }));
}

TEST_CASE("bot: a page an earlier attempt got through is recorded, not sent again") {
    fixture f;
    f.declare(1, "a");
    f.drain();
    decision d;
    d.saved = f.store->find(1);
    d.effects = {
        page_user{.user = "U1", .rotation = "eoc", .summary = "x", .dedup_key = "siren-1-eoc"},
        page_user{.user = "U2", .rotation = "tl", .summary = "y", .dedup_key = "siren-1-tl"}};
    REQUIRE(f.store->commit(d, "envelope-page", f.clock.now()).has_value());
    f.chat.paged.insert("siren-1-eoc");
    auto due = f.store->due_effects(f.clock.now(), 10);
    REQUIRE(due.size() == 1);
    f.store->mark_started(due[0].id); // siren died during the first page's call
    f.drain();
    // The second page was never started: it goes out without looking.
    auto& calls = f.chat.calls;
    CHECK(std::vector<std::string>(calls.end() - 2, calls.end()) ==
          std::vector<std::string>{"look for the page of U1", "page U2"});
    CHECK(f.store->find_page("siren-1-eoc"));
    CHECK(f.store->find_page("siren-1-tl"));
}

TEST_CASE("bot: a channel recorded before siren stopped is not created again") {
    fixture f;
    f.declare(1, "a");
    auto due = f.store->due_effects(f.clock.now(), 10);
    REQUIRE(due.size() == 1);
    // The channel was created and recorded; siren died before marking the effect done.
    f.store->mark_started(due[0].id);
    f.store->set_channel_id(1, "a", "C-a");
    f.drain();
    CHECK(f.calls_for("a") ==
          std::vector<std::string>{"topic C-a", "post C-a intro", "pin C-a intro"});
}

TEST_CASE("bot: a file whose upload answer was lost is found and not shared twice") {
    fixture f;
    f.chat.lost["upload"] = 1;
    f.declare(1, "a");
    f.drain();
    decision d;
    d.saved = f.store->find(1);
    d.effects = {
        post_file{.channel = "a", .filename = "review-1.md", .title = "t", .content = "#"}};
    REQUIRE(f.store->commit(d, "envelope-file", f.clock.now()).has_value());
    f.drain();
    f.clock.advance(seconds{2});
    f.drain();
    CHECK(f.calls_for("a") == std::vector<std::string>{"create a", "topic C-a", "post C-a intro",
                                                       "pin C-a intro", "upload C-a review-1.md",
                                                       "files C-a"});
    CHECK(f.store->pending_effects() == 0);
}

TEST_CASE("bot: a write_file effect writes the file whole under the files directory") {
    fixture f;
    auto dir =
        std::filesystem::temp_directory_path() / ("siren-files-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    f.runner.write_files_under(dir.string());
    decision d;
    d.effects = {write_file{.path = "reviews/review-1.md", .content = "# Review\n"}};
    REQUIRE(f.store->commit(d, "envelope-write", f.clock.now()).has_value());
    f.drain();
    CHECK(f.store->pending_effects() == 0);
    std::ifstream in(dir / "reviews" / "review-1.md");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text == "# Review\n");
    CHECK_FALSE(std::filesystem::exists(dir / "reviews" / "review-1.md.tmp"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("bot: a page starts even while slow Slack calls hold every lane") {
    fixture f;
    for (int n = 1; n <= 70; ++n) {
        std::string channel = "slow-" + std::to_string(n);
        f.chat.slow[channel] = true;
        f.declare(n, channel);
    }
    decision d;
    d.saved = f.store->find(70);
    d.effects = {
        page_user{.user = "U1", .rotation = "eoc", .summary = "x", .dedup_key = "siren-70-eoc"}};
    REQUIRE(f.store->commit(d, "envelope-page", f.clock.now()).has_value());
    f.drain();
    // Calls are recorded as they finish: the page went out while the first creates waited.
    REQUIRE_FALSE(f.chat.calls.empty());
    CHECK(f.chat.calls.front() == "page U1");
    CHECK(f.store->pending_effects() == 0);
}
