# lit configuration of the snn-mlir test suite. Test files live beside the
# tree they test (test/dialects, test/passes, test/translate, test/tools).
import os
import lit.formats

config.name = "snn-mlir"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.snn_obj_root, "test")
config.excludes = ["inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]

# Tools: ours first, then FileCheck/not from LLVM (not on PATH on Debian).
config.environment["PATH"] = os.pathsep.join(
    [config.snn_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
config.substitutions.append(("%shared", config.shared_data_dir))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "inputs")))
if config.have_cuda:
    config.available_features.add("cuda-build")

# A GPU the CUDA engine can use, asked of snn-run itself (its dry run names
# the device it would use), so a driver too old for the toolkit counts as
# none: the tests of the no-device error skip and the CUDA-against-CPU runs
# of snn-run run.
import subprocess
if config.have_cuda:
    _tiny = os.path.join(config.test_source_root, "tools", "snn-run", "inputs")
    _probe = subprocess.run(
        [os.path.join(config.snn_tools_dir, "snn-run"),
         os.path.join(_tiny, "tiny.pbtxt"), "--input",
         os.path.join(_tiny, "tiny_batch2.npy"), "--device=cuda", "--dry-run"],
        capture_output=True, text=True)
    if "cuda device " in _probe.stdout:
        config.available_features.add("cuda-device")
