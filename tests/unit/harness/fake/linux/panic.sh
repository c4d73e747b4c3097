#!/bin/sh
printf "obs 1\nFAKE-PANIC\n"
