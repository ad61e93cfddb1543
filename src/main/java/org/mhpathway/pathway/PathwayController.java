package org.mhpathway.pathway;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/pathways")
class PathwayController {

    private final PathwayQuery query;

    PathwayController(PathwayQuery query) {
        this.query = query;
    }

    @GetMapping("/{pathwayId}")
    PathwayView pathway(@PathVariable String pathwayId) {
        return query.view(pathwayId);
    }
}
