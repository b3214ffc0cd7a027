//===- Bss2TestUtil.cpp - Hand-built BrainScaleS-2 parameter sets ---------===//
#include "test/runtime/Bss2TestUtil.h"
#include "runtime/artifact/BrainScaleS2File.h"
#include "runtime/artifact/BrainScaleS2Params.h"

using namespace snn;
using namespace snn::runtime;
namespace pb = snn::artifact::bss2;

pb::ParameterSet test::makeBss2(int n, int inputs, const Bss2Neuron &neuron,
                                const std::string &name) {
  pb::ParameterSet set;
  set.set_magic(kBss2Magic);
  set.set_format_version(kBss2FormatVersion);
  set.set_target("brainscales2");
  set.mutable_provenance()->set_producer("test");
  set.set_model_dt(1e-4);
  set.set_time_acceleration(bss2::kTimeAcceleration);
  set.set_execution(pb::SINGLE_CHIP);
  set.set_refractory_clock_scale(
      bss2::refractoryClockScale(neuron.refractoryUs));
  pb::Population *pop = set.add_populations();
  pop->set_name(name);
  pop->set_size(n);
  pop->set_model_v_per_lsb(1.0 / (neuron.threshold - neuron.leak));
  pop->set_v_zero_lsb(neuron.leak);
  pop->set_model_weight_per_code(1.0);
  pb::NetworkInput *in = set.add_inputs();
  in->set_name("in");
  in->set_size(inputs);
  pb::NetworkOutput *out = set.add_outputs();
  out->set_name("out");
  out->set_population(0);
  pb::Partition *part = set.add_partitions();
  for (int i = 0; i < n; ++i) {
    pb::NeuronCircuit *c = part->add_circuits();
    c->set_circuit(i);
    c->set_population(0);
    c->set_index(i);
    pb::Targets *t = c->mutable_targets();
    t->set_tau_mem_us(neuron.tauMemUs);
    t->set_tau_syn_exc_us(neuron.tauSynExcUs);
    t->set_tau_syn_inh_us(neuron.tauSynInhUs);
    t->set_leak_lsb(neuron.leak);
    t->set_reset_lsb(neuron.reset);
    t->set_threshold_lsb(neuron.threshold);
    t->set_refractory_us(neuron.refractoryUs);
    t->set_syn_gain_exc(neuron.synGainExc);
    t->set_syn_gain_inh(neuron.synGainInh);
    pb::Codes *k = c->mutable_codes();
    k->set_tau_mem(bss2::tauMemCode(neuron.tauMemUs));
    k->set_tau_syn_exc(bss2::tauSynCode(neuron.tauSynExcUs));
    k->set_tau_syn_inh(bss2::tauSynCode(neuron.tauSynInhUs));
    k->set_leak(bss2::potentialCode(neuron.leak));
    k->set_reset(bss2::potentialCode(neuron.reset));
    k->set_threshold(bss2::potentialCode(neuron.threshold));
    k->set_syn_gain_exc(bss2::synGainCode(neuron.synGainExc));
    k->set_syn_gain_inh(bss2::synGainCode(neuron.synGainInh));
    k->set_refractory_counter(bss2::refractoryCounter(
        neuron.refractoryUs, set.refractory_clock_scale()));
  }
  return set;
}

void test::addInputRow(pb::ParameterSet &set, uint32_t channel, bool excitatory,
                       const std::vector<uint32_t> &weights) {
  pb::Partition *part = set.mutable_partitions(0);
  pb::SynapseRow *row = part->add_rows();
  row->set_row(part->rows_size() - 1);
  row->mutable_source()->mutable_input()->set_input(0);
  row->mutable_source()->mutable_input()->set_channel(channel);
  row->set_sign(excitatory ? pb::EXCITATORY : pb::INHIBITORY);
  for (uint32_t w : weights)
    row->add_weights(w);
}
