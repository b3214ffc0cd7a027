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

# The NIR layout checker (scripts/check_nir_file.py) needs h5py in Debian's
# python3; tests that use it say `REQUIRES: h5py`.
import subprocess
project_root = os.path.dirname(config.test_source_root)
debian_python = "/usr/bin/python3"
if subprocess.call([debian_python, "-c", "import h5py, numpy"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
    config.available_features.add("h5py")
config.substitutions.append(
    ("%check-nir", debian_python + " " + os.path.join(project_root, "scripts", "check_nir_file.py")))
# A GPU the CUDA engine can use, asked of snn-run itself (its dry run names
# the device it would use), so a driver too old for the toolkit counts as
# none: the tests of the no-device error skip and the CUDA-against-CPU runs
# of snn-run run.
if config.have_cuda:
    _tiny = os.path.join(config.test_source_root, "tools", "snn-run", "inputs")
    _probe = subprocess.run(
        [os.path.join(config.snn_tools_dir, "snn-run"),
         os.path.join(_tiny, "tiny.pbtxt"), "--input",
         os.path.join(_tiny, "tiny_batch2.npy"), "--device=cuda", "--dry-run"],
        capture_output=True, text=True)
    if "cuda device " in _probe.stdout:
        config.available_features.add("cuda-device")
