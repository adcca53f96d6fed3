from waylight.cli import main

main()
