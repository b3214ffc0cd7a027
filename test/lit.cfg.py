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

# A usable GPU (nvidia-smi lists one): the tests of the no-device error skip
# and the CUDA-against-CPU runs of snn-run run.
import shutil
import subprocess
if shutil.which("nvidia-smi") and subprocess.run(
        ["nvidia-smi", "-L"], capture_output=True).returncode == 0:
    config.available_features.add("cuda-device")
