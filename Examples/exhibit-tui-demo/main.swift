// exhibit-tui-demo: exercises the terminal layer without the core.
// Usage: exhibit-tui-demo [--theme NAME] [--themes DIR] [--crash-key]
import Foundation

exit(DemoApp.run(arguments: Array(CommandLine.arguments.dropFirst())))
