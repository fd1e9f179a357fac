#include "bot/shell.hpp"

#include "adapters/console/console_text.hpp"
#include "adapters/console/console_workspace.hpp"
#include "bot/dispatcher.hpp"
#include "bot/effects_runner.hpp"
#include "bot/file_writer.hpp"
#include "bot/people_directory.hpp"
#include "bot/siren_metrics.hpp"
#include "core/mention.hpp"

#include <iostream>
#include <random>
#include <sstream>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <spdlog/spdlog.h>

namespace siren {

namespace asio = boost::asio;

namespace {

constexpr std::string_view shell_help = R"(The shell plays a Slack workspace:
  /as USER          type as someone else (one of the people in the config)
  /join #CHANNEL    move to a channel (incident channels are created by /incident declare)
  /wait DURATION    let time pass, e.g. /wait 15m (only with --now, where the clock stands still)
  /who              list the people of the workspace
  /help             this text
  /quit             leave (so does the end of input)
Everything else starting with / goes to siren: try /incident help and /119 help.)";

std::string trim(std::string_view s) {
    auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

// Carries out everything the runner has to do now, on this thread, before the next prompt.
void drain(asio::io_context& io, effects_runner& runner) {
    asio::co_spawn(io, runner.drain(), [](std::exception_ptr e) {
        if (e)
            std::rethrow_exception(e); // a bug: the runner turns failures into values
    });
    io.run();
    io.restart();
}

class shell_session {
public:
    shell_session(const settings& config, const shell_options& options, store::sqlite_store& store,
                  std::istream& in, std::ostream& out, const clock& clk)
        : config_(config)
        , options_(options)
        , in_(in)
        , out_(out)
        , clock_(clk)
        , workspace_(out)
        , people_(config, store, identity::handle)
        , metrics_(store, clk, SIREN_VERSION)
        , dispatcher_(config, store, people_, metrics_)
        , runner_(io_.get_executor(), store, workspace_, {.primary = workspace_}, clk, metrics_)
        , user_(options.user.empty() && !config.people.empty() ? config.people.front().handle
                                                               : options.user)
        , envelope_prefix_(random_prefix()) {
        if (user_.empty())
            user_ = "operator";
        runner_.write_files_under(directory_of(options.db_path));
    }

    int run(manual_clock* manual) {
        manual_ = manual;
        drain(io_, runner_); // whatever a previous session left in the outbox
        dispatcher_.plan_handovers(clock_.now());
        fire_timers_and_drain();
        out_ << "siren shell: you are @" << user_ << " in #" << channel_
             << ". /help shows what you can do.\n";
        std::string line;
        while (read_line(prompt(), line)) {
            if (!handle_line(trim(line)))
                break;
        }
        return 0;
    }

private:
    static std::string random_prefix() {
        std::random_device device;
        std::ostringstream s;
        s << "shell-" << std::hex << device() << device();
        return s.str();
    }

    std::string prompt() const { return user_ + "@#" + channel_ + "> "; }

    // Prompts on a terminal; echoes the line when reading a script, so the output is a transcript.
    bool read_line(const std::string& shown, std::string& line) {
        if (options_.interactive)
            out_ << shown << std::flush;
        if (!std::getline(in_, line))
            return false;
        if (!options_.interactive)
            out_ << shown << line << '\n';
        return true;
    }

    void say(std::string_view text) {
        out_ << "  siren (only you): " << adapters::console::plain_block(text) << '\n'
             << std::flush;
    }

    // False when the session should end.
    bool handle_line(const std::string& line) {
        if (line.empty())
            return true;
        if (line.front() != '/') {
            say("I only listen to slash commands here. Try /incident help, or /help for the "
                "shell.");
            return true;
        }
        auto space = line.find(' ');
        std::string command = line.substr(0, space);
        std::string rest = space == std::string::npos ? "" : trim(line.substr(space));
        if (command == "/quit" || command == "/exit")
            return false;
        if (command == "/help")
            say(shell_help);
        else if (command == "/as")
            switch_user(rest);
        else if (command == "/join")
            join(rest);
        else if (command == "/wait")
            wait(rest);
        else if (command == "/who")
            who();
        else
            send({.command = command, .text = rest, .user = user_, .channel = channel_});
        return true;
    }

    void switch_user(const std::string& who) {
        std::string handle = parse_user_ref(who).value_or(who);
        if (!people_.knows(handle)) {
            say("I don't know `" + who + "`. /who lists the people of this workspace.");
            return;
        }
        user_ = handle;
    }

    void join(const std::string& where) {
        std::string name = parse_channel_ref(where).value_or(where);
        if (name.empty() || name.find(' ') != std::string::npos) {
            say("Usage: /join #channel");
            return;
        }
        channel_ = name;
    }

    void wait(const std::string& how_long) {
        auto d = parse_duration(how_long);
        if (!d) {
            say("Usage: /wait DURATION, e.g. /wait 15m or /wait 1h30m");
            return;
        }
        if (!manual_) {
            say("The clock is real here; start the shell with --now to control time.");
            return;
        }
        manual_->advance(*d);
        say("It is now " + format_local(clock_.now(), people_.time_zone(user_)) + ".");
        fire_timers_and_drain();
    }

    // What siren promised to do by now (escalations, reminders), done before the next prompt.
    void fire_timers_and_drain() {
        if (dispatcher_.fire_due_timers(clock_.now()))
            drain(io_, runner_);
    }

    void who() {
        std::string list = "People of this workspace:";
        for (const auto& p : config_.people) {
            list += "\n" + mention(p.handle) + (p.name.empty() ? "" : " — " + p.name);
            for (const auto& r : config_.rotations)
                if (people_.on_call(r.name, clock_.now()) == p.handle)
                    list += " (on call: " + r.name + ")";
        }
        say(list);
    }

    void send(commands::command_input input) {
        auto result = dispatcher_.dispatch(next_envelope(), input, clock_.now());
        if (!result.reply.empty())
            say(result.reply);
        if (result.has_effects)
            drain(io_, runner_);
        fire_timers_and_drain();
        if (result.form)
            fill_in(*result.form, std::move(input));
    }

    // Asks a form's questions one by one, then sends the answers to the same command.
    void fill_in(const form& f, commands::command_input input) {
        say(f.title + " (an empty answer keeps the value in brackets):");
        std::map<std::string, std::string> answers;
        for (const auto& field : f.fields) {
            std::string question = "  " + field.label;
            if (field.kind == field_kind::choice) {
                question += " (";
                for (std::size_t i = 0; i < field.choices.size(); ++i)
                    question += (i ? ", " : "") + field.choices[i];
                question += ")";
            } else if (field.kind == field_kind::checkbox) {
                question += " (yes/no)";
            }
            if (field.kind == field_kind::checkbox)
                question += field.initial == "true" ? " [yes]" : " [no]";
            else if (!field.initial.empty())
                question += " [" + field.initial + "]";
            question += ": ";
            std::string answer;
            if (!read_line(question, answer)) {
                say("Cancelled: the input ended before the form was complete.");
                return;
            }
            answer = trim(answer);
            if (field.kind == field_kind::checkbox && !answer.empty())
                answer = (answer == "y" || answer == "yes" || answer == "true") ? "true" : "false";
            answers[field.key] = answer.empty() ? field.initial : answer;
        }
        input.text = f.id;
        input.answers = std::move(answers);
        send(std::move(input));
    }

    std::string next_envelope() { return envelope_prefix_ + "-" + std::to_string(++sent_); }

    const settings& config_;
    const shell_options& options_;
    std::istream& in_;
    std::ostream& out_;
    const clock& clock_;
    manual_clock* manual_ = nullptr;
    asio::io_context io_{1};
    adapters::console::console_workspace workspace_;
    people_directory people_;
    siren_metrics metrics_; // counted like the daemon's, but nobody scrapes the shell
    dispatcher dispatcher_;
    effects_runner runner_;
    std::string user_;
    std::string channel_ = "general";
    std::string envelope_prefix_;
    int sent_ = 0;
};

} // namespace

int run_shell(const settings& config, const shell_options& options, std::istream& in,
              std::ostream& out) {
    auto opened = store::sqlite_store::open(options.db_path, store::open_mode::migrate);
    if (!opened) {
        std::cerr << "siren: cannot open the database " << options.db_path << ": " << opened.error()
                  << '\n';
        return 1;
    }
    std::optional<manual_clock> manual;
    system_clock real;
    if (options.now)
        manual.emplace(*options.now);
    const clock& clk = manual ? static_cast<const clock&>(*manual) : real;
    shell_session session(config, options, **opened, in, out, clk);
    return session.run(manual ? &*manual : nullptr);
}

} // namespace siren
