"""``python -m nq57parse``: the same command line as the ``nq57parse`` script."""

from nq57parse.cli import main

if __name__ == "__main__":
    main()
