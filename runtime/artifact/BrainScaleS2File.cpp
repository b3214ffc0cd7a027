//===- BrainScaleS2File.cpp - BrainScaleS-2 parameter-set files -----------===//
#include "runtime/artifact/BrainScaleS2File.h"
#include "runtime/artifact/BrainScaleS2Params.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

#include "runtime/io/FileBytes.h"
#include <cmath>

#include <fstream>
#include <set>
#include <sstream>

using namespace snn;
using namespace snn::runtime;
namespace pb = snn::artifact::bss2;

namespace {
bool parse(const std::string &path, const std::string &bytes,
           pb::ParameterSet &set) {
  if (isTextProtoPath(path)) {
    google::protobuf::TextFormat::Parser parser;
    parser.AllowUnknownField(false);
    return parser.ParseFromString(bytes, &set);
  }
  return set.ParseFromString(bytes);
}

std::string str(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}
} // namespace

bool snn::runtime::isBss2File(const std::string &path) {
  std::string bytes, err;
  pb::ParameterSet set;
  return readFileBytes(path, bytes, err) && parse(path, bytes, set) &&
         set.magic() == kBss2Magic;
}

bool snn::runtime::loadBss2File(const std::string &path, pb::ParameterSet &set,
                                std::string &err) {
  std::string bytes;
  if (!readFileBytes(path, bytes, err))
    return false;
  if (!parse(path, bytes, set) || set.magic() != kBss2Magic) {
    err = path + ": not a BrainScaleS-2 parameter set (no '" +
          std::string(kBss2Magic) + "' magic)";
    return false;
  }
  if (!validateBss2(set, err)) {
    err = path + ": " + err;
    return false;
  }
  return true;
}

std::string snn::runtime::serializeBss2(const pb::ParameterSet &set) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    set.SerializeToCodedStream(&coded);
  }
  return bytes;
}

bool snn::runtime::writeBss2File(const std::string &path,
                                 const pb::ParameterSet &set,
                                 std::string &err) {
  std::string bytes;
  if (isTextProtoPath(path))
    google::protobuf::TextFormat::PrintToString(set, &bytes);
  else
    bytes = serializeBss2(set);
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) {
    err = path + ": cannot write file";
    return false;
  }
  return true;
}

static bool positiveFinite(double v) { return std::isfinite(v) && v > 0; }

bool snn::runtime::validateBss2(const pb::ParameterSet &set, std::string &err) {
  if (set.magic() != kBss2Magic) {
    err = "not a BrainScaleS-2 parameter set (no magic)";
    return false;
  }
  // Exactly this version: format 1's synaptic-gain codes mean other gains.
  if (set.format_version() != kBss2FormatVersion) {
    err = "BrainScaleS-2 format version " +
          std::to_string(set.format_version()) +
          " is not supported (this runtime reads version " +
          std::to_string(kBss2FormatVersion) + ")";
    return false;
  }
  if (!positiveFinite(set.model_dt()) ||
      !positiveFinite(set.time_acceleration())) {
    err = "model_dt and time_acceleration must be finite and > 0";
    return false;
  }
  if (!std::isfinite(set.input_advance_us()) || set.input_advance_us() < 0 ||
      set.input_advance_us() > 1e6) {
    err = "input_advance_us must be finite and in 0..1e6 hardware us";
    return false;
  }
  if (set.refractory_clock_scale() > bss2::kRefractoryScaleMax) {
    err = "refractory_clock_scale " +
          std::to_string(set.refractory_clock_scale()) + " exceeds " +
          std::to_string(bss2::kRefractoryScaleMax);
    return false;
  }
  if (set.partitions_size() == 0) {
    err = "no partitions";
    return false;
  }
  const int npop = set.populations_size();
  for (int p = 0; p < npop; ++p) {
    const pb::Population &pop = set.populations(p);
    if (!positiveFinite(pop.model_v_per_lsb()) ||
        !std::isfinite(pop.v_zero_lsb()) ||
        !positiveFinite(pop.model_weight_per_code())) {
      err = "population '" + pop.name() +
            "': model_v_per_lsb and model_weight_per_code must be finite and "
            "> 0";
      return false;
    }
  }
  for (const pb::NetworkOutput &o : set.outputs())
    if (o.population() >= static_cast<uint32_t>(npop)) {
      err = "output '" + o.name() + "' names population " +
            std::to_string(o.population()) + " of " + std::to_string(npop);
      return false;
    }
  // Every population neuron must be placed exactly once.
  std::vector<std::vector<char>> placed(npop);
  for (int p = 0; p < npop; ++p)
    placed[p].assign(set.populations(p).size(), 0);
  const int nparts = set.partitions_size();
  for (int k = 0; k < nparts; ++k) {
    const pb::Partition &part = set.partitions(k);
    const std::string where = "partition " + std::to_string(k);
    if (part.circuits_size() > static_cast<int>(bss2::kNeuronsPerChip) ||
        part.rows_size() > static_cast<int>(bss2::kRowsPerChip)) {
      err = where + ": " + std::to_string(part.circuits_size()) +
            " circuits and " + std::to_string(part.rows_size()) +
            " rows exceed the chip's " + std::to_string(bss2::kNeuronsPerChip) +
            " circuits / " + std::to_string(bss2::kRowsPerChip) + " rows";
      return false;
    }
    std::set<uint32_t> circuits, rows;
    for (const pb::NeuronCircuit &c : part.circuits()) {
      const std::string at = where + " circuit " + std::to_string(c.circuit());
      if (c.circuit() >= bss2::kNeuronsPerChip ||
          !circuits.insert(c.circuit()).second) {
        err = at + ": circuit number out of range or repeated";
        return false;
      }
      if (c.population() >= static_cast<uint32_t>(npop) ||
          c.index() >= set.populations(c.population()).size()) {
        err = at + ": names population " + std::to_string(c.population()) +
              " neuron " + std::to_string(c.index()) + ", which does not exist";
        return false;
      }
      if (placed[c.population()][c.index()]++) {
        err = at + ": neuron " + std::to_string(c.index()) + " of '" +
              set.populations(c.population()).name() + "' is placed twice";
        return false;
      }
      const pb::Codes &codes = c.codes();
      for (uint32_t code :
           {codes.tau_mem(), codes.tau_syn_exc(), codes.tau_syn_inh(),
            codes.leak(), codes.reset(), codes.threshold(),
            codes.syn_gain_exc(), codes.syn_gain_inh()})
        if (code > bss2::kCapMemMax) {
          err = at + ": CapMem code " + std::to_string(code) + " exceeds " +
                std::to_string(bss2::kCapMemMax);
          return false;
        }
      if (codes.tau_mem() == 0 || codes.tau_syn_exc() == 0 ||
          codes.tau_syn_inh() == 0) {
        err = at + ": a time-constant code of 0 means an infinite time "
                   "constant; use 1..1022";
        return false;
      }
      if (codes.refractory_counter() > bss2::kRefractoryCounterMax) {
        err = at + ": refractory counter " +
              std::to_string(codes.refractory_counter()) + " exceeds " +
              std::to_string(bss2::kRefractoryCounterMax);
        return false;
      }
      const pb::Targets &t = c.targets();
      for (double v : {t.tau_mem_us(), t.tau_syn_exc_us(), t.tau_syn_inh_us()})
        if (!positiveFinite(v)) {
          err = at + ": time-constant targets must be finite and > 0 (got " +
                str(v) + ")";
          return false;
        }
      for (double v : {t.leak_lsb(), t.reset_lsb(), t.threshold_lsb(),
                       t.refractory_us(), t.syn_gain_exc(), t.syn_gain_inh()})
        if (!std::isfinite(v) || v < 0) {
          err = at + ": targets must be finite and >= 0 (got " + str(v) + ")";
          return false;
        }
    }
    for (const pb::SynapseRow &r : part.rows()) {
      const std::string at = where + " row " + std::to_string(r.row());
      if (r.row() >= bss2::kRowsPerChip || !rows.insert(r.row()).second) {
        err = at + ": row number out of range or repeated";
        return false;
      }
      if (r.sign() != pb::EXCITATORY && r.sign() != pb::INHIBITORY) {
        err = at + ": sign must be EXCITATORY or INHIBITORY";
        return false;
      }
      if (r.weights_size() != part.circuits_size()) {
        err = at + ": " + std::to_string(r.weights_size()) + " weights for " +
              std::to_string(part.circuits_size()) + " circuits";
        return false;
      }
      for (uint32_t w : r.weights())
        if (w > bss2::kWeightMax) {
          err = at + ": weight " + std::to_string(w) + " exceeds 6 bits (63)";
          return false;
        }
      const pb::RowSource &s = r.source();
      if (s.has_input()) {
        if (s.input().input() >= static_cast<uint32_t>(set.inputs_size()) ||
            s.input().channel() >= set.inputs(s.input().input()).size()) {
          err = at + ": source input " + std::to_string(s.input().input()) +
                " channel " + std::to_string(s.input().channel()) +
                " does not exist";
          return false;
        }
      } else if (s.has_circuit()) {
        uint32_t from = s.circuit().partition();
        bool found = false;
        if (from < static_cast<uint32_t>(nparts))
          for (const pb::NeuronCircuit &c : set.partitions(from).circuits())
            found |= c.circuit() == s.circuit().circuit();
        if (!found) {
          err = at + ": source circuit " +
                std::to_string(s.circuit().circuit()) + " of partition " +
                std::to_string(from) + " does not exist";
          return false;
        }
        if (set.execution() == pb::SEQUENTIAL_PARTITIONS &&
            from > static_cast<uint32_t>(k)) {
          err = at +
                ": sequential partitions may only read earlier "
                "partitions (source partition " +
                std::to_string(from) + ")";
          return false;
        }
      } else if (!s.has_bias()) {
        err = at + ": no source";
        return false;
      }
    }
  }
  for (int p = 0; p < npop; ++p)
    for (size_t i = 0; i < placed[p].size(); ++i)
      if (!placed[p][i]) {
        err = "neuron " + std::to_string(i) + " of '" +
              set.populations(p).name() + "' is not placed";
        return false;
      }
  return true;
}
