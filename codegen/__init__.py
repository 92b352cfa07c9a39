"""timba's code generator: resources.yaml → spec → IR → emitters → writer.

It is a compiler from YAML to Python source and never imports Django.
"""

VERSION = "0.1.0"
