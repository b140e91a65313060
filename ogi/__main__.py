from ogi.cli import main

main()
