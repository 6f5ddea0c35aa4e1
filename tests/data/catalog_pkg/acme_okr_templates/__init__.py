"""A template pack as a company would ship one (entry point group okrgen.catalogs); used by the tests."""
