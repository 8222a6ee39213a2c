#!/usr/bin/env python
"""Module docstring
spanning lines"""
import os  # comment

def f():
    '''doc'''
    s = "# not comment"
    t = """
    # inside triple
    """
    return s  # c

x = 1
