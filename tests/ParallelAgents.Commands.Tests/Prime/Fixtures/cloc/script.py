#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Module docstring."""
import os
import sys


class A:
    '''Class docstring
    on two lines'''

    def m(self):
        x = "/* not C */"
        y = u"""unicode
        docstring"""
        return x + y  # trailing comment

    path = "a" \

    z = 1
