/**
 * `input(prompt, { password })`: one line of input from the user, asked through the runtime's
 * bridge (in the kernel: Jupyter's `input_request`, answered in the notebook's input box).
 */
import { requireKernelBridge, type InputOptions } from "../bridge";

/**
 * Asks the user for one line of input and resolves with it. `password: true` hides what they type.
 * Rejects at once when the frontend takes no input for this cell (nbclient, nbconvert), and with
 * `KeyboardInterrupt` when the kernel is interrupted while waiting.
 */
export async function input(prompt: string, options: InputOptions = {}): Promise<string> {
  const bridge = requireKernelBridge("input()");
  if (bridge.input === undefined)
    throw new Error("input(): this runtime cannot ask the user for input (its bridge has no input)");
  return bridge.input(prompt, options);
}
