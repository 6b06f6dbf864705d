import ArgumentParser

// The thin executable: argument parsing only; the work is in ExhibitCore.
Exhibit.main()
