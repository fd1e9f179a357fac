#pragma once
// A small Prometheus registry, rendered in the text exposition format 0.0.4: counters and
// histograms siren updates as things happen, and gauges (and counters) read at scrape time from
// where the value lives (the database, the socket), so that they can never drift from it.
//
// Families are declared once, at start-up, with a name, a help text and label names; a family's
// child for one combination of label values is made on first use and lives as long as the
// registry, so references to children may be kept. Label values must come from a bounded set
// (a command's name, never what a person typed): every combination is a time series for ever.
//
// Single-threaded on purpose: siren updates and scrapes on its one io_context thread
// (style.md rule 1), so values are plain doubles, with no atomics and no locks.
//
// A bad name, a repeated family or a wrong number of label values is a programmer error and
// throws std::invalid_argument (std::logic_error from a collector, at render time).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace siren::metrics {

using label_values = std::vector<std::string>;

// The Content-Type of render()'s text.
inline constexpr std::string_view content_type = "text/plain; version=0.0.4; charset=utf-8";

class counter {
public:
    void inc(double by = 1.0); // by >= 0: a counter only goes up
    double value() const { return value_; }

private:
    double value_ = 0;
};

class histogram {
public:
    // bounds: the family's upper bounds, which outlive this child.
    explicit histogram(const std::vector<double>& bounds);

    void observe(double value);
    std::uint64_t count() const { return count_; }
    double sum() const { return sum_; }
    // How many observations were <= bounds[i]; i == bounds.size() is +Inf, i.e. count().
    std::uint64_t cumulative(std::size_t i) const;

private:
    const std::vector<double>& bounds_;
    std::vector<std::uint64_t> in_bucket_; // not cumulative; the last one is (largest bound, +Inf)
    double sum_ = 0;
    std::uint64_t count_ = 0;
};

// One sample of a family read at scrape time.
struct sample {
    label_values labels{}; // in the order of the family's label names
    double value = 0;
};
using collector = std::function<std::vector<sample>()>;

namespace detail {

class family {
public:
    family(std::string name, std::string help, std::vector<std::string> label_names,
           std::string_view type);
    family(const family&) = delete;
    family& operator=(const family&) = delete;
    virtual ~family() = default;

    const std::string& name() const { return name_; }
    // Its # HELP and # TYPE lines, then its samples ordered by label values.
    void render(std::string& out) const;

protected:
    virtual void render_samples(std::string& out) const = 0;
    std::size_t label_count() const { return label_names_.size(); }
    bool has_label(std::string_view label) const;
    void check_labels(const label_values& values) const;
    // `name_suffix{labels,extra} value`; extra is a whole `le="…"` pair or empty.
    void write_sample(std::string& out, std::string_view suffix, const label_values& values,
                      std::string_view extra, double value) const;

private:
    std::string name_;
    std::string help_;
    std::vector<std::string> label_names_;
    std::string_view type_;
};

} // namespace detail

class counter_family final : public detail::family {
public:
    counter_family(std::string name, std::string help, std::vector<std::string> label_names);

    // The child for these label values, made (at 0) on first use. A family without labels has
    // its one child from the start, so that it is scraped as 0 before anything happened.
    counter& with(const label_values& values);

private:
    void render_samples(std::string& out) const override;

    std::map<label_values, counter> children_;
};

class histogram_family final : public detail::family {
public:
    // bounds: strictly increasing, finite; +Inf is implied.
    histogram_family(std::string name, std::string help, std::vector<std::string> label_names,
                     std::vector<double> bounds);

    histogram& with(const label_values& values);

private:
    void render_samples(std::string& out) const override;

    std::vector<double> bounds_;
    std::map<label_values, histogram> children_;
};

class registry {
public:
    // Names follow Prometheus conventions: a counter's ends in _total, units are base units
    // (_seconds, _bytes). Families are rendered in the order they were added.
    counter_family& add_counter(std::string name, std::string help,
                                std::vector<std::string> label_names = {});
    histogram_family& add_histogram(std::string name, std::string help,
                                    std::vector<std::string> label_names,
                                    std::vector<double> bounds);
    // Read at every scrape. collect may throw (a database that cannot be read): render() lets it
    // through, and the scrape fails as a whole rather than showing half the values.
    void add_gauge_from(std::string name, std::string help, std::vector<std::string> label_names,
                        collector collect);
    // A count that lives elsewhere and only grows (rows in the database), read at every scrape.
    void add_counter_from(std::string name, std::string help, std::vector<std::string> label_names,
                          collector collect);

    std::string render() const;

private:
    template <class Family, class... Args>
    Family& add(Args&&... args);

    std::vector<std::unique_ptr<detail::family>> families_;
};

// The number as Prometheus reads it and Go clients write it: the shortest form that reads back
// exactly, %g style ("0.0005", "1.5e-07", "1.7743401e+09"); "+Inf", "-Inf", "NaN".
std::string format_value(double value);

} // namespace siren::metrics
