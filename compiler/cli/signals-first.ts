/**
 * Imported first by bin.ts, so that the `dgen` process handles Ctrl-C and SIGTERM before commander and
 * the commands load (see interrupt.ts). Only the command line imports this: a program that imports
 * dgen's modules keeps its own signal handling.
 */
import { installInterruptHandler } from "./interrupt.js";

installInterruptHandler();
