//===- Compare.cpp - Agreement between two runs of a network
//---------------===//
#include "tools/snn-run/Compare.h"
#include "tools/snn-run/RunReport.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <algorithm>
#include <cmath>

using namespace snn;
using namespace snn::tools;
using runtime::Tensor;

namespace {
/// Steps and neurons of a (B, T, ...) recording.
struct Layout {
  int64_t batch, steps, neurons;
};
Layout layoutOf(const Tensor &t) {
  int64_t b = t.shape.size() > 0 ? t.shape[0] : 1;
  int64_t s = t.shape.size() > 1 ? t.shape[1] : 1;
  return {b, s, t.numel() / std::max<int64_t>(1, b * s)};
}

std::optional<double> pearson(const std::vector<double> &x,
                              const std::vector<double> &y) {
  double n = x.size(), mx = 0, my = 0;
  for (size_t i = 0; i < x.size(); ++i)
    mx += x[i] / n, my += y[i] / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx == 0 || syy == 0)
    return std::nullopt; // Constant counts: correlation undefined.
  return sxy / std::sqrt(sxx * syy);
}

void compareSpikes(const Tensor &a, const Tensor &r, SignalAgreement &s) {
  Layout l = layoutOf(a);
  std::vector<double> ca, cr;
  double shift = 0;
  int64_t both = 0;
  for (int64_t b = 0; b < l.batch; ++b)
    for (int64_t n = 0; n < l.neurons; ++n) {
      double sa = 0, sr = 0;
      int64_t fa = -1, fr = -1;
      for (int64_t t = 0; t < l.steps; ++t) {
        int64_t k = (b * l.steps + t) * l.neurons + n;
        sa += a.data[k];
        sr += r.data[k];
        if (fa < 0 && a.data[k] != 0)
          fa = t;
        if (fr < 0 && r.data[k] != 0)
          fr = t;
      }
      ca.push_back(sa);
      cr.push_back(sr);
      s.spikes_ += sa;
      s.referenceSpikes += sr;
      s.countError += std::abs(sa - sr);
      if (fa >= 0 && fr >= 0) {
        shift += std::abs(static_cast<double>(fa - fr));
        ++both;
      } else if ((fa >= 0) != (fr >= 0)) {
        ++s.onlyOneFires;
      }
    }
  s.countError /= std::max(1.0, s.referenceSpikes);
  s.countCorrelation = pearson(ca, cr);
  if (both)
    s.meanFirstSpikeShift = shift / both;
}
} // namespace

Comparison
snn::tools::compareRuns(const std::vector<std::string> &order,
                        const std::map<std::string, Tensor> &ours,
                        const std::map<std::string, Tensor> &reference,
                        const std::map<std::string, double> &scale,
                        const std::vector<std::string> &spiking,
                        const std::vector<std::string> &outputs,
                        double tolerance, const std::string &referenceName) {
  Comparison c;
  c.reference = referenceName;
  c.tolerance = tolerance;
  std::vector<std::string> names = order;
  for (const auto &entry : ours)
    if (std::find(names.begin(), names.end(), entry.first) == names.end())
      names.push_back(entry.first);
  for (const std::string &name : names) {
    auto it = ours.find(name);
    if (it == ours.end())
      continue;
    const Tensor &mine = it->second;
    auto ref = reference.find(name);
    if (ref == reference.end() || ref->second.numel() != mine.numel())
      continue;
    SignalAgreement s;
    s.name = name;
    s.elements = mine.numel();
    s.spikes = std::count(spiking.begin(), spiking.end(), name) > 0;
    double divide = scale.count(name) ? scale.at(name) : 1.0;
    Tensor scaled = mine;
    for (float &v : scaled.data)
      v = static_cast<float>(v / divide);
    int64_t equal = 0;
    double sq = 0;
    for (int64_t k = 0; k < s.elements; ++k) {
      double d =
          std::abs(static_cast<double>(scaled.data[k]) - ref->second.data[k]);
      equal += d == 0;
      s.maxAbsError = std::max(s.maxAbsError, d);
      sq += d * d;
    }
    s.exactFraction = s.elements ? double(equal) / s.elements : 1.0;
    s.rmsError = s.elements ? std::sqrt(sq / s.elements) : 0.0;
    if (s.spikes) {
      compareSpikes(scaled, ref->second, s);
      if (s.countError > tolerance)
        c.pass = false;
    }
    c.signals.push_back(s);
  }
  for (const std::string &name : outputs) {
    auto a = ours.find(name), r = reference.find(name);
    if (a == ours.end() || r == reference.end() ||
        a->second.numel() != r->second.numel())
      continue;
    Layout l = layoutOf(a->second);
    int64_t agree = 0;
    for (int64_t b = 0; b < l.batch; ++b) {
      std::vector<double> sa(l.neurons, 0), sr(l.neurons, 0);
      for (int64_t t = 0; t < l.steps; ++t)
        for (int64_t n = 0; n < l.neurons; ++n) {
          int64_t k = (b * l.steps + t) * l.neurons + n;
          sa[n] += a->second.data[k];
          sr[n] += r->second.data[k];
        }
      agree += argMax(sa) == argMax(sr);
    }
    c.classAgreement[name] = double(agree) / std::max<int64_t>(1, l.batch);
    if (agree != l.batch)
      c.pass = false;
  }
  return c;
}

void snn::tools::printComparison(llvm::raw_ostream &os, const Comparison &c) {
  os << "comparison against " << c.reference << ":\n";
  os << "  signal                       exact    spikes       ref  "
        "count-r count-err   shift   max|err|\n";
  const char *dash = "-";
  for (const SignalAgreement &s : c.signals) {
    std::string corr = s.countCorrelation
                           ? llvm::formatv("{0:F3}", *s.countCorrelation).str()
                           : std::string("n/a");
    std::string shift =
        s.meanFirstSpikeShift
            ? llvm::formatv("{0:F2}", *s.meanFirstSpikeShift).str()
            : std::string("n/a");
    if (s.spikes)
      os << llvm::format("  %-24s %8.2f%% %9.0f %9.0f %8s %8.2f%% %7s %10s\n",
                         s.name.c_str(), 100 * s.exactFraction, s.spikes_,
                         s.referenceSpikes, corr.c_str(), 100 * s.countError,
                         shift.c_str(), dash);
    else
      os << llvm::format("  %-24s %8.2f%% %9s %9s %8s %9s %7s %10.4g\n",
                         s.name.c_str(), 100 * s.exactFraction, dash, dash,
                         dash, dash, dash, s.maxAbsError);
  }
  for (const auto &[name, fraction] : c.classAgreement)
    os << "  class agreement on '" << name
       << "': " << llvm::format("%.1f%%", 100 * fraction) << "\n";
  os << "  " << (c.pass ? "PASS" : "FAIL") << " (tolerance: spike-count error "
     << llvm::format("%.1f%%", 100 * c.tolerance)
     << " per signal, every class equal)\n";
}

std::string snn::tools::comparisonJson(const Comparison &c) {
  llvm::json::Array signals;
  for (const SignalAgreement &s : c.signals) {
    llvm::json::Object o{{"name", s.name},
                         {"kind", s.spikes ? "spikes" : "values"},
                         {"elements", s.elements},
                         {"exact_fraction", s.exactFraction},
                         {"max_abs_error", s.maxAbsError},
                         {"rms_error", s.rmsError}};
    if (s.spikes) {
      o["spikes"] = s.spikes_;
      o["reference_spikes"] = s.referenceSpikes;
      o["count_error"] = s.countError;
      o["neurons_firing_in_one_run_only"] = s.onlyOneFires;
      o["count_correlation"] = s.countCorrelation
                                   ? llvm::json::Value(*s.countCorrelation)
                                   : llvm::json::Value(nullptr);
      o["mean_first_spike_shift"] =
          s.meanFirstSpikeShift ? llvm::json::Value(*s.meanFirstSpikeShift)
                                : llvm::json::Value(nullptr);
    }
    signals.push_back(std::move(o));
  }
  llvm::json::Object classes;
  for (const auto &[name, fraction] : c.classAgreement)
    classes[name] = fraction;
  llvm::json::Object root{{"reference", c.reference},
                          {"tolerance", c.tolerance},
                          {"pass", c.pass},
                          {"signals", std::move(signals)},
                          {"class_agreement", std::move(classes)}};
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(root))) << "\n";
  return os.str();
}
