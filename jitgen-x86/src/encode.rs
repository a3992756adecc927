//! Machine code from the assembler's instruction list, in one pass.
//!
//! Every branch to a label is built in its `rel32` form (the assembler is told not to prefer
//! short branches) and every label operand of memory is `rip`-relative with a 32-bit
//! displacement, so no instruction's size depends on where a label lands. Each instruction is
//! encoded once, at its final offset, a label operand pointing at the instruction itself for
//! now; once every label is placed, those 32-bit fields are patched. (iced's `BlockEncoder`,
//! which shortens branches over several passes, took three quarters of the backend's time.)
//!
//! The code is position independent: it is encoded for address 0 and may be copied anywhere
//! (absolute addresses appear only as immediates). It has two sections, placed apart: the hot
//! one (the trace's body) and, from a given instruction on, the cold one (exit stubs, the
//! epilogue), so the code that runs is dense in the cache. Offsets are the offsets in the two
//! sections laid end to end; the 32-bit fields from one section to the other
//! ([`Encoded::crossings`]) are filled once both are placed.

use std::fmt;

use foldhash::HashMap;

use iced_x86::code_asm::CodeLabel;
use iced_x86::{Encoder, IcedError, Instruction, OpKind, Register};

/// Encoded code, and where its labels landed.
pub(crate) struct Encoded {
    /// The bytes: the hot section, then the cold one.
    pub(crate) code: Vec<u8>,
    /// Where the cold section starts in `code`.
    pub(crate) cold_start: usize,
    /// The 32-bit fields relative to a place in the other section: each one's offset, the
    /// end of its instruction and the place (filled when the sections are placed).
    pub(crate) crossings: Vec<(u32, u32, u32)>,
    /// Each instruction's offset in `code`.
    offsets: Vec<u32>,
    /// The branches to each labelled instruction (by its index): where each one's rel32 is
    /// and where the branch ends.
    branches: HashMap<usize, Vec<(u32, u32)>>,
}

/// Where labels were set: each label's instruction, by its index in the assembler's list.
#[derive(Default)]
pub(crate) struct Placed(HashMap<CodeLabel, usize>);

impl Placed {
    /// Records that `label` names the instruction the assembler adds next (its `index`).
    pub(crate) fn record(&mut self, label: CodeLabel, index: usize) {
        self.0.insert(label, index);
    }
}

impl Encoded {
    /// The offset of the instruction `label` names.
    pub(crate) fn label_offset(&self, placed: &Placed, label: &CodeLabel) -> R<usize> {
        let index = placed.0.get(label).ok_or(EncodeError::UnsetLabel)?;
        Ok(self.offsets[*index] as usize)
    }

    /// The branches to `label`: where each one's rel32 is and where the branch ends (a
    /// rel32 is relative to that end).
    pub(crate) fn branches_to(&self, placed: &Placed, label: &CodeLabel) -> R<Vec<(u32, u32)>> {
        let index = placed.0.get(label).ok_or(EncodeError::UnsetLabel)?;
        Ok(self.branches.get(index).cloned().unwrap_or_default())
    }
}

/// Why a trace's code could not be encoded (a bug of this backend).
#[derive(Debug)]
pub(crate) enum EncodeError {
    /// iced-x86 refused an instruction.
    Iced(IcedError),
    /// A label operand or lookup of a label that was never set.
    UnsetLabel,
    /// A label operand whose field is not 32 bits wide.
    NotRel32,
}

impl From<IcedError> for EncodeError {
    fn from(e: IcedError) -> Self {
        EncodeError::Iced(e)
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::Iced(e) => write!(f, "{e}"),
            EncodeError::UnsetLabel => write!(f, "a label that was never set"),
            EncodeError::NotRel32 => write!(f, "a label operand that is not 32 bits"),
        }
    }
}

type R<T> = Result<T, EncodeError>;

/// A 32-bit field to fill with a label's offset, relative to the end of its instruction.
struct Fixup {
    /// Its instruction's index.
    index: usize,
    /// Where the field is.
    at: usize,
    /// The end of its instruction (what the CPU adds it to).
    next: usize,
    /// The label's id (the assembler's: the named instruction's `ip`).
    label: u64,
    /// Whether it is a branch's (else a `rip`-relative memory operand's).
    branch: bool,
}

/// Encodes `instructions` (as `CodeAssembler` built them: a labelled instruction's `ip` is its
/// label's id, a label operand is that id) into position-independent code, the instructions
/// from `cold` on in the cold section.
pub(crate) fn encode(instructions: &[Instruction], cold: usize) -> R<Encoded> {
    let mut encoder = Encoder::try_with_capacity(64, instructions.len() * 6)?;
    let mut offsets = Vec::with_capacity(instructions.len());
    // The labelled instructions' indices, by label id (the assembler numbers labels from 1).
    let mut labelled: Vec<Option<usize>> = Vec::new();
    let mut fixups = Vec::new();
    let mut offset = 0usize;
    for (index, instruction) in instructions.iter().enumerate() {
        offsets.push(offset as u32);
        let id = instruction.ip() as usize;
        if id != 0 {
            if labelled.len() <= id {
                labelled.resize(id + 1, None);
            }
            labelled[id] = Some(index);
        }
        let mut ins = *instruction;
        let here = offset as u64;
        ins.set_ip(here);
        let branch = ins.op0_kind() == OpKind::NearBranch64;
        let relative = !branch && ins.memory_base() == Register::RIP;
        let label = if branch {
            let label = ins.near_branch64();
            ins.set_near_branch64(here);
            Some(label)
        } else if relative {
            let label = ins.memory_displacement64();
            ins.set_memory_displacement64(here);
            Some(label)
        } else {
            None
        };
        let len = encoder.encode(&ins, here)?;
        if let Some(label) = label {
            let constants = encoder.get_constant_offsets();
            let field = match branch {
                true => (constants.immediate_offset(), constants.immediate_size()),
                false => (
                    constants.displacement_offset(),
                    constants.displacement_size(),
                ),
            };
            if field.1 != 4 {
                return Err(EncodeError::NotRel32);
            }
            fixups.push(Fixup {
                index,
                at: offset + field.0,
                next: offset + len,
                label,
                branch,
            });
        }
        offset += len;
    }
    let mut code = encoder.take_buffer();
    let cold_start = offsets.get(cold).map_or(code.len(), |&o| o as usize);
    let mut branches: HashMap<usize, Vec<(u32, u32)>> = HashMap::default();
    let mut crossings = Vec::new();
    for fixup in fixups {
        let index = labelled
            .get(fixup.label as usize)
            .copied()
            .flatten()
            .ok_or(EncodeError::UnsetLabel)?;
        if (index < cold) != (fixup.index < cold) {
            crossings.push((fixup.at as u32, fixup.next as u32, offsets[index]));
        } else {
            // Code is far smaller than 2 GiB: every label is within reach.
            let rel = (offsets[index] as i64 - fixup.next as i64) as i32;
            code[fixup.at..fixup.at + 4].copy_from_slice(&rel.to_le_bytes());
        }
        if fixup.branch {
            let site = (fixup.at as u32, fixup.next as u32);
            branches.entry(index).or_default().push(site);
        }
    }
    Ok(Encoded {
        code,
        cold_start,
        crossings,
        offsets,
        branches,
    })
}
