"""What the checks found: each problem with the check that found it, and what they verified.

A check prints as it goes: an "ok" line for what holds, a "FAIL" line for each problem. The
entry point (check_deployment.py) names the checks that found problems and sets the exit code.
"""

PROBLEMS = []


def problem(check, message):
    PROBLEMS.append((check, message))
    print(f"  FAIL {message}")


def info(message):
    print(f"  ok   {message}")


def failed_checks():
    return sorted({check for check, _ in PROBLEMS})
