/**
 * The read model of one pathway: {@code GET /api/pathways/{pathwayId}} gathers what the other modules record of it
 * (its stage, deadlines, delays, care team and notices) into one view. It reads every module and no module reads it.
 */
package org.mhpathway.views;
