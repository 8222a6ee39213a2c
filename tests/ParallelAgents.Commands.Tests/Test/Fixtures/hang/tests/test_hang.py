import subprocess
import sys
import time


def test_quick():
    assert True


def test_hangs():
    # A child that would outlive the runner if the sandbox did not kill the whole tree.
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)", "pa-hang-marker-5f3a"])
    time.sleep(300)
